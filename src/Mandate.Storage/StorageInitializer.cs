using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>Applies pending migrations and switches SQLite to WAL, so the server and the CLI can share the file.</summary>
public sealed class StorageInitializer(IDbContextFactory<MandateDbContext> factory)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
