using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Storage.Tests.Support;

/// <summary>A temporary data directory wired exactly like the server: AddMandateSqliteStorage, then StorageInitializer.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly List<ServiceProvider> providers = [];

    private SqliteTestDatabase(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string FilePath => Path.Combine(Directory, "mandate.db");

    public override IDbContextFactory<MandateDbContext> Factory => providers[0].GetRequiredService<IDbContextFactory<MandateDbContext>>();

    public static async Task<TestDatabase> CreateAsync() => await CreateSqliteAsync();

    public static async Task<SqliteTestDatabase> CreateSqliteAsync(bool initialize = true)
    {
        var database = new SqliteTestDatabase(Path.Combine(Path.GetTempPath(), "mandate-storage-tests-" + Guid.NewGuid().ToString("N")));
        var provider = database.Open();
        if (initialize)
        {
            await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        }

        return database;
    }

    public override Task<IDbContextFactory<MandateDbContext>> OpenAnotherAsync() =>
        Task.FromResult(Open().GetRequiredService<IDbContextFactory<MandateDbContext>>());

    /// <summary>A separate service provider (own pooled factory and initializer) over the same file.</summary>
    public ServiceProvider Open()
    {
        var provider = new ServiceCollection().AddMandateSqliteStorage(Directory).BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
