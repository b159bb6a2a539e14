using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;
using Mandate.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Ledger;

/// <summary>
/// Moves the rows of the audit table from before the ledger (audit_events) into the ledger, oldest first, with their
/// own times, and deletes them, in one transaction: once, at the first start with the ledger.
/// </summary>
internal static class LegacyAuditImport
{
    public static async Task<int> RunAsync(IDbContextFactory<MandateDbContext> factory, SqliteLedgerStore store, CancellationToken cancellationToken)
    {
        List<AuditEventEntity> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            rows = await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var records = rows.Select(r => LedgerEntryWriter.Prepare(ToEvent(r))).ToList();
        return await store.WithWriteTransactionAsync(
            async (connection, transaction) =>
            {
                // Another process starting at the same moment may have moved them already.
                if (await DeleteAsync(connection, transaction, rows[^1].Id, cancellationToken) == 0)
                {
                    return 0;
                }

                await store.AppendInTransactionAsync(connection, transaction, records, cancellationToken);
                return rows.Count;
            },
            cancellationToken);
    }

    private static async Task<int> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, long lastId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM audit_events WHERE Id <= $last";
        command.Parameters.AddWithValue("$last", lastId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AuditEvent ToEvent(AuditEventEntity e) => new()
    {
        Timestamp = e.Timestamp,
        Kind = e.Kind,
        Decision = e.Decision,
        Reason = e.Reason,
        Subject = e.Subject,
        ClientId = e.ClientId,
        TokenId = e.TokenId,
        Upstream = e.Upstream,
        Resource = e.Resource,
        Method = e.Method,
        Tool = e.Tool,
        ArgumentsDigest = e.ArgumentsDigest,
        LatencyMs = e.LatencyMs,
        ActorChain = e.ActorChain,
        UpstreamStatus = e.UpstreamStatus,
        SourceAddress = e.SourceAddress,
    };
}
