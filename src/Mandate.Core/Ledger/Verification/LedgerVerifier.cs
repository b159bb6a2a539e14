using System.Text;
using Mandate.Core.Ledger.Entries;
using Mandate.Protocol.Json;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Ledger.Verification;

/// <summary>
/// Checks the whole stored log from its entries, in one pass of O(n) reads and O(log n) memory: every stored
/// checkpoint is signed by the ledger key and states the root the entries give at its size (and so is consistent with
/// every other), every entry is a canonical version 1 entry at the next index with the leaf hash stored for it, every
/// stored subtree hash is the one the entries give, and a checkpoint saved earlier (<c>--from-checkpoint</c>) is one
/// of this log. A changed, deleted, reordered or inserted entry shows as a problem naming its index.
/// </summary>
public sealed class LedgerVerifier(ILedgerStore store, ICheckpointStore checkpoints)
{
    public const int ChunkSize = 4096;

    /// <param name="key">The ledger's verifier key.</param>
    /// <param name="savedCheckpoint">A signed checkpoint kept from before, to check the log has not forked since.</param>
    public async Task<LedgerVerification> VerifyAsync(NoteVerifier key, string? savedCheckpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problems = new ProblemList();
        var expected = await ExpectedRootsAsync(key, savedCheckpoint, problems, cancellationToken);
        var tree = new MerkleAccumulator();
        var next = 0;
        CheckRoots(tree, expected, ref next, problems);
        var computed = new List<(MerkleNodeId Node, byte[] Hash)>();
        long from = 0;
        while (await store.ReadEntriesAsync(from, ChunkSize, cancellationToken) is { Count: > 0 } entries)
        {
            var first = entries[0].Index;
            var leaves = (await store.ReadNodesAsync(0, first, (int)Math.Min(entries[^1].Index - first + 1, int.MaxValue), cancellationToken)).ToDictionary(n => n.Index, n => n.Hash);
            foreach (var entry in entries)
            {
                if (entry.Index != tree.Size)
                {
                    problems.Add($"entries {tree.Size} to {entry.Index - 1} are missing (deleted)");
                }

                var leaf = MerkleHash.HashLeaf(entry.Entry);
                CheckEntry(entry, leaf, leaves, problems);
                tree.AppendLeafHash(leaf, (node, hash) => computed.Add((node, hash.ToArray())));
                CheckRoots(tree, expected, ref next, problems);
            }

            await CheckStoredNodesAsync(computed, problems, cancellationToken);
            computed.Clear();
            from = entries[^1].Index + 1;
        }

        foreach (var missing in expected.Skip(next))
        {
            problems.Add($"{missing.What} covers {missing.TreeSize} entries but only {tree.Size} are stored: entries were deleted");
        }

        if (await store.ReadNodesAsync(0, from, 1, cancellationToken) is [var orphan])
        {
            problems.Add($"a leaf hash is stored for index {orphan.Index} but there is no such entry: it was deleted");
        }

        return new LedgerVerification(tree.Size, expected.Count, tree.Root(), problems.Listed, problems.NotListed);
    }

    private async Task<List<ExpectedRoot>> ExpectedRootsAsync(NoteVerifier key, string? savedCheckpoint, ProblemList problems, CancellationToken cancellationToken)
    {
        var expected = new List<ExpectedRoot>();
        foreach (var stored in await checkpoints.ListAsync(cancellationToken))
        {
            var what = $"the checkpoint at {stored.TreeSize}";
            if (!TryOpen(stored.Note, key, out var checkpoint, out var why))
            {
                problems.Add($"{what}: {why}");
            }
            else if (checkpoint.TreeSize != stored.TreeSize || !checkpoint.RootHash.SequenceEqual(stored.RootHash))
            {
                problems.Add($"{what}: its signed note states another size or root than is stored beside it");
            }
            else
            {
                expected.Add(new ExpectedRoot(checkpoint.TreeSize, checkpoint.RootHash.ToArray(), what));
            }
        }

        if (savedCheckpoint is not null)
        {
            if (TryOpen(savedCheckpoint, key, out var saved, out var why))
            {
                expected.Add(new ExpectedRoot(saved.TreeSize, saved.RootHash.ToArray(), $"your saved checkpoint at {saved.TreeSize}"));
            }
            else
            {
                problems.Add($"your saved checkpoint: {why}");
            }
        }

        return [.. expected.OrderBy(e => e.TreeSize)];
    }

    private static bool TryOpen(string note, NoteVerifier key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Checkpoint? checkpoint, out string why)
    {
        if (Checkpoint.TryOpen(Encoding.UTF8.GetBytes(note), new NoteVerifierList(key), key.Name, out checkpoint, out var verification))
        {
            why = string.Empty;
            return true;
        }

        why = verification.IsVerified ? $"it is not a checkpoint of log {key.Name}" : $"its signature does not verify with the ledger key ({verification.Status})";
        return false;
    }

    private static void CheckEntry(StoredEntry entry, byte[] leaf, Dictionary<long, byte[]> leaves, ProblemList problems)
    {
        if (!JsonCanonicalizer.TryCanonicalize(entry.Entry, out var canonical, out _) || !canonical.AsSpan().SequenceEqual(entry.Entry) || !LedgerEntryReader.TryRead(entry.Entry, out var read))
        {
            problems.Add($"entry {entry.Index} is not a canonical version 1 ledger entry");
        }
        else if (entry.Search?.Differences(read) is { Count: > 0 } differ)
        {
            // The tree covers the entry, not the columns search reads: edited columns hide or misattribute an entry.
            problems.Add($"entry {entry.Index}: the search columns ({string.Join(", ", differ)}) do not match the entry (edited to hide or misattribute it in search)");
        }

        if (!leaves.TryGetValue(entry.Index, out var stored))
        {
            problems.Add($"entry {entry.Index} has no stored leaf hash: it was put in the database, not appended");
        }
        else if (!stored.AsSpan().SequenceEqual(leaf))
        {
            problems.Add($"entry {entry.Index} is not the entry that was appended at {entry.Index} (changed, or moved from elsewhere)");
        }
    }

    private static void CheckRoots(MerkleAccumulator tree, List<ExpectedRoot> expected, ref int next, ProblemList problems)
    {
        for (; next < expected.Count && expected[next].TreeSize == tree.Size; next++)
        {
            if (!tree.Root().AsSpan().SequenceEqual(expected[next].Root))
            {
                problems.Add($"{expected[next].What}: the first {tree.Size} stored entries do not give its root: one of them was changed, removed, reordered or inserted since it was signed");
            }
        }
    }

    /// <summary>Interior subtree hashes (leaves are compared by index above), a level at a time over the chunk's range.</summary>
    private async Task CheckStoredNodesAsync(List<(MerkleNodeId Node, byte[] Hash)> computed, ProblemList problems, CancellationToken cancellationToken)
    {
        foreach (var level in computed.Where(c => c.Node.Level > 0).GroupBy(c => c.Node.Level))
        {
            var low = level.Min(c => c.Node.Index);
            var count = (int)(level.Max(c => c.Node.Index) - low + 1);
            var stored = (await store.ReadNodesAsync(level.Key, low, count, cancellationToken)).ToDictionary(n => n.Index, n => n.Hash);
            foreach (var (node, hash) in level)
            {
                if (!stored.TryGetValue(node.Index, out var found) || !found.AsSpan().SequenceEqual(hash))
                {
                    problems.Add($"the stored hash of subtree {node.Level}/{node.Index} (entries {node.FirstLeaf} to {node.EndLeaf - 1}) is {(found is null ? "missing" : "not the one its entries give")}: proofs served from it would fail");
                }
            }
        }
    }
}
