using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Tests.Support;

/// <summary>
/// A fresh, migrated, empty database for one test. The store contract tests only see this abstraction, so a
/// PostgreSQL implementation can run the same suite once that provider exists.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The context factory the stores under test use (the "server").</summary>
    public abstract IDbContextFactory<MandateDbContext> Factory { get; }

    /// <summary>An independent factory over the same database, as a second process (the CLI) would have.</summary>
    public abstract Task<IDbContextFactory<MandateDbContext>> OpenAnotherAsync();

    public abstract ValueTask DisposeAsync();
}
