using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Tests.Support;

/// <summary>
/// Base of the store contract suites: each test gets a fresh database from the factory it was given. The suites are
/// abstract; Sqlite*Tests run them on SQLite, and a PostgreSQL fixture can run them too by passing its own factory.
/// </summary>
public abstract class StoreTestBase(Func<Task<TestDatabase>> createDatabase) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected IDbContextFactory<MandateDbContext> Factory => Database.Factory;

    public async Task InitializeAsync() => Database = await createDatabase();

    public virtual async Task DisposeAsync() => await Database.DisposeAsync();
}
