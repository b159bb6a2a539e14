using Mandate.Core.Mandates.Enforcement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>
/// Mandate call counters as rows (grant, tool, calls). A batch of changes is one write transaction (BEGIN IMMEDIATE,
/// under the process's <see cref="SqliteWriteLock"/>); counting one call on a counter is one statement, an upsert whose
/// update is conditional: <c>INSERT … VALUES (…, 1, …) ON CONFLICT DO UPDATE SET calls = calls + 1 WHERE calls &lt;
/// max</c>. One row changed means counted; none means full. A change with several charges runs inside a savepoint and
/// is rolled back to it when one is full, so the batch's other changes keep theirs. SQLite's write lock serialises the
/// transactions of every process on the file, and each update re-checks the limit inside its transaction, so no count
/// is lost and no limit is passed, on one instance or many. Never read-then-write.
/// </summary>
public sealed class SqliteMandateCallCountStore(IDbContextFactory<MandateDbContext> factory, SqliteWriteLock writeLock) : IMandateCallCountStore
{
    private const string CountSql = """
        INSERT INTO mandate_call_counts ("GrantId", "Tool", "Calls", "ExpiresAt") VALUES ($grant, $tool, 1, $expires)
        ON CONFLICT ("GrantId", "Tool") DO UPDATE SET "Calls" = "Calls" + 1 WHERE "Calls" < $max
        """;

    private const string GiveBackSql = """
        UPDATE mandate_call_counts SET "Calls" = "Calls" - 1 WHERE "GrantId" = $grant AND "Tool" = $tool AND "Calls" > 0
        """;

    /// <summary>The lock its batches take.</summary>
    internal SqliteWriteLock WriteLock => writeLock;

    public async Task<IReadOnlyList<CallCharge?>> ApplyAsync(IReadOnlyList<CountChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var results = new CallCharge?[changes.Count];
        if (changes.Count == 0)
        {
            return results;
        }

        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            using var commands = new CounterCommands(connection, transaction);
            for (var i = 0; i < changes.Count; i++)
            {
                results[i] = changes[i].GiveBack ? commands.GiveBack(changes[i].Charges) : commands.Count(changes[i].Charges);
            }

            await transaction.CommitAsync(cancellationToken);
            return results;
        }
        finally
        {
            writeLock.Release();
        }
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

    /// <summary>The batch's statements, prepared once and run per charge (synchronously: SQLite has no async I/O).</summary>
    private sealed class CounterCommands : IDisposable
    {
        private readonly SqliteCommand count;
        private readonly SqliteCommand giveBack;
        private readonly SqliteCommand savepoint;
        private readonly SqliteCommand rollbackToSavepoint;
        private readonly SqliteCommand releaseSavepoint;

        public CounterCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            count = Command(connection, transaction, CountSql, "$grant", "$tool", "$expires", "$max");
            giveBack = Command(connection, transaction, GiveBackSql, "$grant", "$tool");
            savepoint = Command(connection, transaction, "SAVEPOINT mandate_count");
            rollbackToSavepoint = Command(connection, transaction, "ROLLBACK TO mandate_count");
            releaseSavepoint = Command(connection, transaction, "RELEASE mandate_count");
        }

        /// <summary>Counts one call on every charge, all or none: null when counted, else the first charge at its limit.</summary>
        public CallCharge? Count(IReadOnlyList<CallCharge> charges)
        {
            if (charges.FirstOrDefault(c => c.MaxCalls <= 0) is { } never)
            {
                return never;
            }

            if (charges.Count == 1)
            {
                // One statement: a full counter changes nothing, so there is nothing to roll back.
                return CountOne(charges[0]) ? null : charges[0];
            }

            savepoint.ExecuteNonQuery();
            foreach (var charge in charges)
            {
                if (!CountOne(charge))
                {
                    rollbackToSavepoint.ExecuteNonQuery();
                    releaseSavepoint.ExecuteNonQuery();
                    return charge;
                }
            }

            releaseSavepoint.ExecuteNonQuery();
            return null;
        }

        public CallCharge? GiveBack(IReadOnlyList<CallCharge> charges)
        {
            foreach (var charge in charges)
            {
                giveBack.Parameters[0].Value = charge.GrantId;
                giveBack.Parameters[1].Value = charge.Tool;
                giveBack.ExecuteNonQuery();
            }

            return null;
        }

        public void Dispose()
        {
            count.Dispose();
            giveBack.Dispose();
            savepoint.Dispose();
            rollbackToSavepoint.Dispose();
            releaseSavepoint.Dispose();
        }

        private bool CountOne(CallCharge charge)
        {
            count.Parameters[0].Value = charge.GrantId;
            count.Parameters[1].Value = charge.Tool;
            count.Parameters[2].Value = charge.ExpiresAt.UtcTicks;
            count.Parameters[3].Value = charge.MaxCalls;
            return count.ExecuteNonQuery() == 1;
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }
}
