using BenchmarkDotNet.Attributes;
using Mandate.Protocol.Transparency.Merkle;
using Microsoft.Data.Sqlite;

namespace Mandate.Benchmarks;

#pragma warning disable RS0030 // Random: reproducible, non-secret leaves and indexes for a benchmark.

/// <summary>
/// Issue 5 target: an inclusion proof in O(log n), under 1 ms at 10 million entries. The log is generated once (the
/// subtree hashes of 10 million random leaves, written straight into the store's ledger_nodes table: appending that many
/// entries through the sink would take minutes and prove nothing more) and kept in the temp directory for later runs;
/// each operation builds the proof of a random leaf through the store, as GET /ledger/entries/{index} does.
/// </summary>
[MemoryDiagnoser]
public class LedgerInclusionProof
{
    private LedgerStoreFixture fixture = null!;
    private Random random = null!;

    [Params(10_000_000L)]
    public long Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"mandate-bench-proof-{Size}");
        var done = Path.Combine(dir, "generated");
        if (!File.Exists(done) && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        fixture = LedgerStoreFixture.Open(dir);
        if (!File.Exists(done))
        {
            Generate(fixture.DatabasePath, Size);
            File.WriteAllText(done, Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        random = new Random(42);
    }

    [Benchmark]
    public async Task<int> InclusionProof()
    {
        var proof = await MerkleProofs.InclusionProofAsync(fixture.Store, random.NextInt64(Size), Size);
        return proof.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fixture.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static void Generate(string databasePath, long size)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        var tree = new MerkleAccumulator();
        var leaf = new byte[MerkleHash.Size];
        var rng = new Random(7);
        const long PerTransaction = 500_000;
        for (long start = 0; start < size; start += PerTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO ledger_nodes (Level, NodeIndex, Hash) VALUES ($l, $i, $h)";
            var level = insert.Parameters.Add(new SqliteParameter { ParameterName = "$l" });
            var index = insert.Parameters.Add(new SqliteParameter { ParameterName = "$i" });
            var hash = insert.Parameters.Add(new SqliteParameter { ParameterName = "$h" });
            insert.Prepare();
            for (var i = start; i < Math.Min(size, start + PerTransaction); i++)
            {
                rng.NextBytes(leaf);
                tree.AppendLeafHash(leaf, (node, value) =>
                {
                    level.Value = node.Level;
                    index.Value = node.Index;
                    hash.Value = value.ToArray();
                    insert.ExecuteNonQuery();
                });
            }

            transaction.Commit();
        }
    }
}
