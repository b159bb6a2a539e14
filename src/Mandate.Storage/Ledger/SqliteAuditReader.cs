using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Ledger;

/// <summary>Reads the audit trail from the ledger's entries: the indexed columns pick the rows, the entry itself is what is returned.</summary>
public sealed class SqliteAuditReader(IDbContextFactory<MandateDbContext> factory) : IAuditReader
{
    public async Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken) =>
        (await SearchAsync(new AuditQuery { Limit = limit, NewestFirst = true }, cancellationToken)).Select(r => r.Event).ToList();

    public async Task<IReadOnlyList<RecordedAuditEvent>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = Filter(db.LedgerEntries.AsNoTracking(), query);
        rows = query.NewestFirst ? rows.OrderByDescending(e => e.LeafIndex) : rows.OrderBy(e => e.LeafIndex);
        var found = await rows.Take(query.Limit).Select(e => new { e.LeafIndex, e.Entry }).ToListAsync(cancellationToken);
        return found.Select(e => new RecordedAuditEvent(e.LeafIndex, e.Entry, Read(e.Entry))).ToList();
    }

    /// <summary>An entry that cannot be read (edited in the database) still shows, as what it is.</summary>
    public static AuditEvent Read(byte[] entry) =>
        LedgerEntryReader.TryRead(entry, out var auditEvent)
            ? auditEvent
            : new AuditEvent { Timestamp = DateTimeOffset.MinValue, Kind = "unreadable", Decision = "unknown", Reason = "the stored entry is not a ledger entry" };

    private static IQueryable<LedgerEntryEntity> Filter(IQueryable<LedgerEntryEntity> rows, AuditQuery query)
    {
        if (query.Subject is { } subject)
        {
            rows = rows.Where(e => e.Subject == subject);
        }

        if (query.ClientId is { } clientId)
        {
            rows = rows.Where(e => e.ClientId == clientId);
        }

        if (query.Upstream is { } upstream)
        {
            rows = rows.Where(e => e.Upstream == upstream);
        }

        if (query.Tool is { } tool)
        {
            rows = rows.Where(e => e.Tool == tool);
        }

        if (query.Decision is { } decision)
        {
            rows = rows.Where(e => e.Decision == decision);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(e => e.Kind == kind);
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(e => e.Timestamp >= since);
        }

        if (query.AfterId is { } after)
        {
            rows = rows.Where(e => e.LeafIndex > after);
        }

        if (query.BeforeId is { } before)
        {
            rows = rows.Where(e => e.LeafIndex < before);
        }

        return rows;
    }
}
