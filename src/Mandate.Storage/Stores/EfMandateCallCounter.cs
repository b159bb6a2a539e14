using Mandate.Core.Mandates.Enforcement;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>
/// Mandate call counters as rows (grant, tool, calls). Counting a call is, per counter, an insert of the row if missing
/// and one conditional update, <c>calls = calls + 1 WHERE calls &lt; max</c>, all counters of the call in one
/// transaction: the database serialises concurrent updates of a row (SQLite by its write lock, PostgreSQL by the row
/// lock, re-checking the condition after the wait), so no count is lost and no limit is passed, on one instance or many.
/// Never read-then-write.
/// </summary>
public sealed class EfMandateCallCounter(IDbContextFactory<MandateDbContext> factory) : IMandateCallCounter
{
    public async Task<CallCharge?> TryCountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var charge in charges)
        {
            var expires = charge.ExpiresAt.UtcTicks;
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO mandate_call_counts ("GrantId", "Tool", "Calls", "ExpiresAt") VALUES ({charge.GrantId}, {charge.Tool}, 0, {expires}) ON CONFLICT DO NOTHING""",
                cancellationToken);
            var counted = await db.Database.ExecuteSqlAsync(
                $"""UPDATE mandate_call_counts SET "Calls" = "Calls" + 1 WHERE "GrantId" = {charge.GrantId} AND "Tool" = {charge.Tool} AND "Calls" < {charge.MaxCalls}""",
                cancellationToken);
            if (counted == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return charge;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task UncountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var charge in charges)
        {
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE mandate_call_counts SET "Calls" = "Calls" - 1 WHERE "GrantId" = {charge.GrantId} AND "Tool" = {charge.Tool} AND "Calls" > 0""",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.MandateCallCounts.AsNoTracking()
            .Where(c => c.GrantId == grantId && c.Tool == tool)
            .Select(c => c.Calls)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.MandateCallCounts.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
