using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Protocol.Tests.Transparency;

/// <summary>
/// The hash-source, plan and accumulator machinery against a naive, independent transcription of RFC 9162 §2.1
/// (MTH, PATH and PROOF as recursive functions over lists), for every size up to a few hundred leaves.
/// </summary>
public class MerkleTreeTests
{
    private static readonly byte[][] Leaves = Enumerable.Range(0, 300).Select(i => MerkleHash.HashLeaf(BitConverter.GetBytes(i * 7919))).ToArray();

    [Fact]
    public void RootsForEverySize_MatchNaiveMth_InTreeAndAccumulator()
    {
        var tree = Build(Leaves.Length);
        var accumulator = new MerkleAccumulator();
        for (var size = 0; size <= Leaves.Length; size++)
        {
            var expected = NaiveMth(Leaves.AsSpan(0, size));
            Assert.Equal(expected, tree.Root(size));
            Assert.Equal(expected, accumulator.Root());
            if (size < Leaves.Length)
            {
                accumulator.AppendLeafHash(Leaves[size]);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(255)]
    [InlineData(300)]
    public void InclusionProofs_EqualNaivePathAndVerify(int size)
    {
        var tree = Build(size);
        var root = tree.Root();
        for (var index = 0; index < size; index++)
        {
            var proof = tree.InclusionProof(index, size);
            Assert.Equal(Hex(NaivePath(index, Leaves.AsSpan(0, size))), Hex(proof));
            Assert.True(MerkleProofVerifier.VerifyInclusion(index, size, Leaves[index], proof, root));
            Assert.False(MerkleProofVerifier.VerifyInclusion(index, size, Leaves[(index + 1) % size], proof, root) && size > 1);
        }
    }

    [Fact]
    public void ConsistencyProofs_EqualNaiveProofAndVerify_ForEveryPairUpTo70()
    {
        var tree = Build(70);
        for (var size2 = 1; size2 <= 70; size2++)
        {
            for (var size1 = 1; size1 <= size2; size1++)
            {
                var proof = tree.ConsistencyProof(size1, size2);
                Assert.Equal(size1 == size2 ? string.Empty : Hex(NaiveSubproof(size1, Leaves.AsSpan(0, size2), true)), Hex(proof));
                Assert.True(MerkleProofVerifier.VerifyConsistency(size1, size2, proof, tree.Root(size1), tree.Root(size2)));
                if (size1 < size2)
                {
                    Assert.False(MerkleProofVerifier.VerifyConsistency(size1, size2, proof, tree.Root(size1 - 1 == 0 ? 2 : size1 - 1), tree.Root(size2)));
                    Assert.False(MerkleProofVerifier.VerifyConsistency(size1, size2, proof[..^1], tree.Root(size1), tree.Root(size2)));
                }
            }
        }
    }

    [Fact]
    public async Task Accumulator_ReportsEveryCompleteSubtree_AndRestoresFromItsPeaks()
    {
        var reported = new Dictionary<MerkleNodeId, byte[]>();
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in Leaves[..100])
        {
            accumulator.AppendLeafHash(leaf, (node, hash) => reported.Add(node, hash.ToArray()));
        }

        var tree = Build(100);
        Assert.Equal(100 + 50 + 25 + 12 + 6 + 3 + 1, reported.Count);
        Assert.All(reported, pair => Assert.Equal(tree.GetHash(pair.Key), pair.Value));

        var restored = MerkleAccumulator.Restore(100, accumulator.PeakHashes());
        var loaded = await MerkleAccumulator.LoadAsync(tree, 100);
        Assert.Equal([new MerkleNodeId(6, 0), new MerkleNodeId(5, 2), new MerkleNodeId(2, 24)], MerkleAccumulator.PeaksOf(100));
        foreach (var leaf in Leaves[100..])
        {
            accumulator.AppendLeafHash(leaf);
            restored.AppendLeafHash(leaf);
            loaded.AppendLeafHash(leaf);
        }

        Assert.Equal(NaiveMth(Leaves), restored.Root());
        Assert.Equal(accumulator.Root(), loaded.Root());
    }

    [Fact]
    public async Task HugeTree_ProofsNeedOnlyLogarithmicallyManyNodesAndVerify()
    {
        // Every leaf equal, so any complete subtree's hash is computable in O(level) without materialising it.
        var source = new UniformHashSource(Leaves[0]);
        const long size = 1_000_000_000_007;
        var root = await MerkleProofs.RootAsync(source, size);
        foreach (var index in new[] { 0L, 1L, 123_456_789_012L, size - 2, size - 1 })
        {
            var proof = await MerkleProofs.InclusionProofAsync(source, index, size);
            Assert.True(MerkleProofVerifier.VerifyInclusion(index, size, Leaves[0], proof, root));
            Assert.True(source.LastBatch <= 2 * 40);
        }

        var consistency = await MerkleProofs.ConsistencyProofAsync(source, 999_999_999_999, size);
        Assert.True(MerkleProofVerifier.VerifyConsistency(999_999_999_999, size, consistency, await MerkleProofs.RootAsync(source, 999_999_999_999), root));
        Assert.True(source.LastBatch <= 2 * 40);
    }

    [Fact]
    public void Plans_RefuseOutOfRangeArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofPlan.ForInclusion(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofPlan.ForInclusion(-1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofPlan.ForConsistency(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofPlan.ForConsistency(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofPlan.ForRoot(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(3).InclusionProof(0, 4));
    }

    private static InMemoryMerkleTree Build(int size)
    {
        var tree = new InMemoryMerkleTree();
        foreach (var leaf in Leaves[..size])
        {
            tree.AppendLeafHash(leaf);
        }

        return tree;
    }

    private static string Hex(byte[][] proof) => string.Join(' ', proof.Select(Convert.ToHexString));

    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static byte[] NaiveMth(ReadOnlySpan<byte[]> d) => d.Length switch
    {
        0 => MerkleHash.EmptyRoot(),
        1 => d[0],
        _ => MerkleHash.HashChildren(NaiveMth(d[..Split(d.Length)]), NaiveMth(d[Split(d.Length)..])),
    };

    private static byte[][] NaivePath(int m, ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        var k = Split(d.Length);
        return m < k ? [.. NaivePath(m, d[..k]), NaiveMth(d[k..])] : [.. NaivePath(m - k, d[k..]), NaiveMth(d[..k])];
    }

    private static byte[][] NaiveSubproof(int m, ReadOnlySpan<byte[]> d, bool b)
    {
        if (m == d.Length)
        {
            return b ? [] : [NaiveMth(d)];
        }

        var k = Split(d.Length);
        return m <= k ? [.. NaiveSubproof(m, d[..k], b), NaiveMth(d[k..])] : [.. NaiveSubproof(m - k, d[k..], false), NaiveMth(d[..k])];
    }

    private sealed class UniformHashSource(byte[] leafHash) : IMerkleHashSource
    {
        public int LastBatch { get; private set; }

        public ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
        {
            LastBatch = nodes.Count;
            return ValueTask.FromResult<IReadOnlyList<byte[]>>(nodes.Select(n => Perfect(n.Level)).ToArray());
        }

        private byte[] Perfect(int level)
        {
            var hash = leafHash;
            for (var i = 0; i < level; i++)
            {
                hash = MerkleHash.HashChildren(hash, hash);
            }

            return hash;
        }
    }
}
