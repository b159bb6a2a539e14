using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Ledger;

/// <summary>The ledger's statements, as raw SQL on the context's connection: the append path writes thousands of rows a second.</summary>
internal static class LedgerSql
{
    private static readonly string[] EntryParameters = ["$i", "$e", "$t", "$k", "$d", "$s", "$c", "$u", "$o"];

    public static async Task<long> SizeAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(LeafIndex) + 1, 0) FROM ledger_entries";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task InsertEntriesAsync(SqliteConnection connection, SqliteTransaction transaction, long first, IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO ledger_entries (LeafIndex, Entry, Timestamp, Kind, Decision, Subject, ClientId, Upstream, Tool) VALUES ($i, $e, $t, $k, $d, $s, $c, $u, $o)";
        var parameters = EntryParameters.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < records.Count; i++)
        {
            var (entry, e) = (records[i].Entry, records[i].Event);
            parameters[0].Value = first + i;
            parameters[1].Value = entry;
            parameters[2].Value = e.Timestamp.UtcTicks;
            parameters[3].Value = e.Kind;
            parameters[4].Value = e.Decision;
            parameters[5].Value = (object?)e.Subject ?? DBNull.Value;
            parameters[6].Value = (object?)e.ClientId ?? DBNull.Value;
            parameters[7].Value = (object?)e.Upstream ?? DBNull.Value;
            parameters[8].Value = (object?)e.Tool ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task InsertNodesAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<(MerkleNodeId Node, byte[] Hash)> nodes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO ledger_nodes (Level, NodeIndex, Hash) VALUES ($l, $i, $h)";
        var level = command.Parameters.Add(new SqliteParameter { ParameterName = "$l" });
        var index = command.Parameters.Add(new SqliteParameter { ParameterName = "$i" });
        var hash = command.Parameters.Add(new SqliteParameter { ParameterName = "$h" });
        await command.PrepareAsync(cancellationToken);
        foreach (var (node, value) in nodes)
        {
            level.Value = node.Level;
            index.Value = node.Index;
            hash.Value = value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The stored hash of each node, in order.</summary>
    /// <exception cref="InvalidDataException">A node is not stored: the store lost or never had it.</exception>
    public static async Task<IReadOnlyList<byte[]>> ReadHashesAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Hash FROM ledger_nodes WHERE Level = $l AND NodeIndex = $i";
        var level = command.Parameters.Add(new SqliteParameter { ParameterName = "$l" });
        var index = command.Parameters.Add(new SqliteParameter { ParameterName = "$i" });
        if (nodes.Count > 1)
        {
            await command.PrepareAsync(cancellationToken);
        }

        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            level.Value = nodes[i].Level;
            index.Value = nodes[i].Index;
            hashes[i] = await command.ExecuteScalarAsync(cancellationToken) as byte[] is { Length: MerkleHash.Size } hash
                ? hash
                : throw new InvalidDataException($"The ledger store has no hash for subtree {nodes[i].Level}/{nodes[i].Index}.");
        }

        return hashes;
    }

    public static async Task<IReadOnlyList<(long Index, byte[] Value)>> ReadRangeAsync(SqliteConnection connection, string sql, long from, int limit, int? level, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$limit", limit);
        if (level is { } l)
        {
            command.Parameters.AddWithValue("$l", l);
        }

        var rows = new List<(long, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    /// <summary>Entries with their search columns, in index order from <paramref name="from"/>.</summary>
    public static async Task<IReadOnlyList<StoredEntry>> ReadEntriesAsync(SqliteConnection connection, long from, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT LeafIndex, Entry, Timestamp, Kind, Decision, Subject, ClientId, Upstream, Tool FROM ledger_entries WHERE LeafIndex >= $from ORDER BY LeafIndex LIMIT $limit";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<StoredEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var search = new StoredSearchFields(
                new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), reader.GetString(3), reader.GetString(4), Text(5), Text(6), Text(7), Text(8));
            rows.Add(new StoredEntry(reader.GetInt64(0), (byte[])reader.GetValue(1), search));
        }

        return rows;
    }
}
