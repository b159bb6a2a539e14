using Mandate.Storage.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>
/// Applies pending migrations, switches SQLite to WAL (so the server and the CLI can share the file), and moves audit
/// rows from before the ledger into it.
/// </summary>
public sealed class StorageInitializer(IDbContextFactory<MandateDbContext> factory, SqliteLedgerStore ledger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        await LegacyAuditImport.RunAsync(factory, ledger, cancellationToken);
    }
}
