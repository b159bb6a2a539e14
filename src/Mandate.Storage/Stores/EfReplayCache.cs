using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>
/// The replay cache in the database (Security:ReplayCache = Store), so that a proof used at one instance is refused at
/// every other instance on the same store. One conditional upsert per value: a row that exists and has not expired
/// makes it a replay; an expired one is taken over. The database arbitrates concurrent first uses (SQLite by its
/// write lock, PostgreSQL by the primary key), so exactly one of them wins. Expired rows are swept now and then.
/// </summary>
/// <remarks>Writes under the process's <see cref="SqliteWriteLock"/>, shared with the ledger and counter writers, so they queue rather than meet SQLITE_BUSY.</remarks>
public sealed class EfReplayCache(IDbContextFactory<MandateDbContext> factory, TimeProvider time, SqliteWriteLock? writeLock = null) : IReplayCache
{
    private const int SweepEvery = 1024;
    private int additions;

    public async Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow().UtcTicks;
        var hashed = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var expires = expiresAt.UtcTicks;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (writeLock is not null)
        {
            await writeLock.WaitAsync(cancellationToken);
        }

        try
        {
            return await UpsertAsync(db, hashed, expires, now, cancellationToken);
        }
        finally
        {
            writeLock?.Release();
        }
    }

    private async Task<bool> UpsertAsync(MandateDbContext db, string hashed, long expires, long now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref additions) % SweepEvery == 0)
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM replay_markers WHERE "ExpiresAt" <= {now}""", cancellationToken);
        }

        var changed = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO replay_markers ("Key", "ExpiresAt") VALUES ({hashed}, {expires}) ON CONFLICT ("Key") DO UPDATE SET "ExpiresAt" = excluded."ExpiresAt" WHERE replay_markers."ExpiresAt" <= {now}""",
            cancellationToken);
        return changed == 1;
    }
}
