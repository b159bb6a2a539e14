using Mandate.Core.Users;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Storage.Tests.Sqlite;

/// <summary>What is SQLite-specific: the file, WAL, migrations, and two processes sharing it.</summary>
public sealed class SqliteDatabaseTests
{
    private static readonly string[] Tables = ["approval_requests", "audit_events", "ciba_requests", "clients", "connections", "connectors", "consents", "data_flow_taints", "known_client_hosts", "ledger_checkpoints", "ledger_entries", "ledger_nodes", "mandate_call_counts", "refresh_tokens", "replay_markers", "resources", "revoked_access_tokens", "token_delegations", "tool_policies", "upstreams", "users", "vault_data_keys"];

    [Fact]
    public async Task Initialize_EmptyFile_CreatesEveryTableAndRecordsTheMigration()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();

        Assert.True(File.Exists(database.FilePath));
        Assert.Equal(Tables, await ScalarListAsync(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name"));
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task LedgerNodes_IsAWithoutRowidTable()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();

        var sql = Assert.Single(await ScalarListAsync(database, "SELECT sql FROM sqlite_master WHERE name = 'ledger_nodes'"));
        Assert.EndsWith("WITHOUT ROWID", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_Twice_IsIdempotentAndKeepsData()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        await new EfUserStore(database.Factory).AddAsync(new User { Id = "u1", Username = "alice", PasswordHash = "h" }, CancellationToken.None);

        await database.Open().GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        await database.Open().GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);

        Assert.Equal(1, await new EfUserStore(database.Factory).CountAsync(CancellationToken.None));
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Initialize_TurnsOnWal()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();

        Assert.Equal(["wal"], await ScalarListAsync(database, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Initialize_WalPersistsForAFreshConnection()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        SqliteConnection.ClearAllPools();

        await using var connection = new SqliteConnection($"Data Source={database.FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoProcesses_SeeEachOthersWrites()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        var server = new EfUserStore(database.Factory);
        var cli = new EfUserStore(await database.OpenAnotherAsync());
        Assert.Null(await server.FindByUsernameAsync("alice", CancellationToken.None));

        await cli.AddAsync(new User { Id = "u1", Username = "alice", PasswordHash = "h1" }, CancellationToken.None);
        Assert.NotNull(await server.FindByUsernameAsync("alice", CancellationToken.None));

        await server.SetPasswordAsync("alice", "h2", mustChange: false, CancellationToken.None);
        Assert.Equal("h2", (await cli.FindByIdAsync("u1", CancellationToken.None))!.PasswordHash);

        Assert.False(await server.AddAsync(new User { Id = "u2", Username = "ALICE", PasswordHash = "h" }, CancellationToken.None));
    }

    [Fact]
    public async Task TwoProcesses_InitializingTogether_BothSucceed()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync(initialize: false);
        var first = database.Open().GetRequiredService<StorageInitializer>();
        var second = database.Open().GetRequiredService<StorageInitializer>();

        await Task.WhenAll(first.InitializeAsync(CancellationToken.None), second.InitializeAsync(CancellationToken.None));

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static async Task<List<string>> ScalarListAsync(SqliteTestDatabase database, string sql)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
