using System.Numerics;

namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// Which complete subtrees a root or a proof is made of, and how to combine their hashes. A root or a proof element
/// is the Merkle Tree Hash of a range of leaves D[start:end] (RFC 9162 §2.1.1); every range that appears in the RFC's
/// recursion starts at a multiple of its largest power-of-two part, so it splits into complete subtrees of strictly
/// decreasing size, hashed together from the right. Fetching those subtrees is the caller's business (one batch,
/// see <see cref="IMerkleHashSource"/>); <see cref="Assemble"/> does the rest.
/// </summary>
public sealed class MerkleProofPlan
{
    private readonly List<MerkleNodeId> nodes = [];
    private readonly List<int> groupEnds = [];

    private MerkleProofPlan()
    {
    }

    /// <summary>The complete subtrees whose hashes <see cref="Assemble"/> needs, in that order.</summary>
    public IReadOnlyList<MerkleNodeId> Nodes => nodes;

    /// <summary>The number of hashes <see cref="Assemble"/> returns.</summary>
    public int Count => groupEnds.Count;

    /// <summary>The plan for the root of a tree of <paramref name="treeSize"/> leaves (at least 1).</summary>
    public static MerkleProofPlan ForRoot(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        var plan = new MerkleProofPlan();
        plan.AddRange(0, treeSize);
        return plan;
    }

    /// <summary>The plan for the inclusion proof of leaf <paramref name="leafIndex"/> in a tree of <paramref name="treeSize"/> (RFC 9162 §2.1.3.1).</summary>
    public static MerkleProofPlan ForInclusion(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(treeSize, leafIndex);
        var ranges = new List<(long Start, long End)>();
        long lo = 0, hi = treeSize;
        while (hi - lo > 1)
        {
            var k = SplitPoint(hi - lo);
            if (leafIndex < lo + k)
            {
                ranges.Add((lo + k, hi));
                hi = lo + k;
            }
            else
            {
                ranges.Add((lo, lo + k));
                lo += k;
            }
        }

        return FromTopDown(ranges);
    }

    /// <summary>
    /// The plan for the consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves
    /// (RFC 9162 §2.1.4.1), with 0 &lt; size1 ≤ size2; equal sizes give an empty proof.
    /// </summary>
    public static MerkleProofPlan ForConsistency(long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size2, size1);
        var ranges = new List<(long Start, long End)>();
        long lo = 0, hi = size2;
        var isWholeOldTree = true;
        while (size1 != hi)
        {
            var k = SplitPoint(hi - lo);
            if (size1 - lo <= k)
            {
                ranges.Add((lo + k, hi));
                hi = lo + k;
            }
            else
            {
                ranges.Add((lo, lo + k));
                lo += k;
                isWholeOldTree = false;
            }
        }

        if (!isWholeOldTree)
        {
            ranges.Add((lo, hi));
        }

        return FromTopDown(ranges);
    }

    /// <summary>Combines the hashes of <see cref="Nodes"/> (same order) into the root or the proof.</summary>
    /// <exception cref="ArgumentException">The number of hashes differs from the number of nodes.</exception>
    public byte[][] Assemble(IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count != nodes.Count)
        {
            throw new ArgumentException($"Expected {nodes.Count} hashes, got {hashes.Count}.", nameof(hashes));
        }

        var result = new byte[groupEnds.Count][];
        var start = 0;
        for (var g = 0; g < groupEnds.Count; g++)
        {
            var end = groupEnds[g];
            var hash = (byte[])hashes[end - 1].Clone();
            for (var i = end - 2; i >= start; i--)
            {
                MerkleHash.HashChildren(hashes[i], hash, hash);
            }

            result[g] = hash;
            start = end;
        }

        return result;
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2): RFC 9162's k.</summary>
    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>The ranges were found from the root down; proofs list them from the leaf up.</summary>
    private static MerkleProofPlan FromTopDown(List<(long Start, long End)> ranges)
    {
        var plan = new MerkleProofPlan();
        for (var i = ranges.Count - 1; i >= 0; i--)
        {
            plan.AddRange(ranges[i].Start, ranges[i].End);
        }

        return plan;
    }

    private void AddRange(long start, long end)
    {
        var length = end - start;
        for (var level = 62; level >= 0; level--)
        {
            if ((length & (1L << level)) != 0)
            {
                nodes.Add(new MerkleNodeId(level, start >> level));
                start += 1L << level;
            }
        }

        groupEnds.Add(nodes.Count);
    }
}
