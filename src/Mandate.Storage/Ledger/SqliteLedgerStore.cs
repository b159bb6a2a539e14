using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Ledger;

/// <summary>
/// The ledger on SQLite. Each append is one write transaction (BEGIN IMMEDIATE, so appends from several processes
/// queue for the lock) that reads the stored size, continues the tree from there (the in-memory
/// <see cref="MerkleAccumulator"/> is reloaded from the stored peaks when another process has appended since), and
/// inserts the entries and every subtree hash they complete. A crash leaves the whole batch or none of it. Within the
/// process, appends take the database's <see cref="SqliteWriteLock"/> (shared with the call counters' writer; a store
/// made without one has its own).
/// </summary>
public sealed class SqliteLedgerStore(IDbContextFactory<MandateDbContext> factory, SqliteWriteLock? writeLock = null) : ILedgerStore, IDisposable
{
    private readonly SqliteWriteLock appendLock = writeLock ?? new SqliteWriteLock();
    private readonly bool ownsLock = writeLock is null;

    /// <summary>The lock its appends take (the database's, shared with the call counters, when built by DI).</summary>
    internal SqliteWriteLock WriteLock => appendLock;
    private MerkleAccumulator? tree;

    public Task<long> AppendAsync(IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return WithWriteTransactionAsync((connection, transaction) => AppendInTransactionAsync(connection, transaction, records, cancellationToken), cancellationToken);
    }

    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LedgerSql.SizeAsync(await OpenAsync(db, cancellationToken), null, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LedgerSql.ReadHashesAsync(await OpenAsync(db, cancellationToken), null, nodes, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEntry>> ReadEntriesAsync(long from, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LedgerSql.ReadEntriesAsync(await OpenAsync(db, cancellationToken), from, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<(long Index, byte[] Hash)>> ReadNodesAsync(int level, long from, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LedgerSql.ReadRangeAsync(
            await OpenAsync(db, cancellationToken),
            "SELECT NodeIndex, Hash FROM ledger_nodes WHERE Level = $l AND NodeIndex >= $from ORDER BY NodeIndex LIMIT $limit",
            from,
            limit,
            level,
            cancellationToken);
    }

    public void Dispose()
    {
        if (ownsLock)
        {
            appendLock.Dispose();
        }
    }

    /// <summary>Appends inside a write transaction of <see cref="WithWriteTransactionAsync"/>.</summary>
    internal async Task<long> AppendInTransactionAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken)
    {
        var size = await LedgerSql.SizeAsync(connection, transaction, cancellationToken);
        if (tree is null || tree.Size != size)
        {
            var peaks = MerkleAccumulator.PeaksOf(size);
            tree = MerkleAccumulator.Restore(size, peaks.Count == 0 ? [] : await LedgerSql.ReadHashesAsync(connection, transaction, peaks, cancellationToken));
        }

        var nodes = new List<(MerkleNodeId, byte[])>(records.Count * 2);
        foreach (var record in records)
        {
            tree.AppendLeafHash(record.LeafHash, (node, hash) => nodes.Add((node, hash.ToArray())));
        }

        await LedgerSql.InsertEntriesAsync(connection, transaction, size, records, cancellationToken);
        await LedgerSql.InsertNodesAsync(connection, transaction, nodes, cancellationToken);
        return size;
    }

    /// <summary>
    /// Runs work in one write transaction and commits it. Should it fail, whether the batch reached the disk is
    /// unknown here: the tree is rebuilt from the store next time.
    /// </summary>
    internal async Task<T> WithWriteTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await appendLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var connection = await OpenAsync(db, cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            tree = null;
            throw;
        }
        finally
        {
            appendLock.Release();
        }
    }

    private static async Task<SqliteConnection> OpenAsync(MandateDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        return connection;
    }
}
