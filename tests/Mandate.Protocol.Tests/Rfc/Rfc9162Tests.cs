using System.Text.Json;
using Mandate.Protocol.Tests.Support;
using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Protocol.Tests.Rfc;

/// <summary>
/// RFC 9162 §2.1 Merkle trees against shared/vectors/transparency-log: the reference tree of 8 leaves (hashes, roots,
/// every inclusion and consistency proof) and every inclusion and consistency file of transparency-dev's test data,
/// broken proofs included.
/// </summary>
public class Rfc9162Tests
{
    private static readonly JsonElement Reference = SharedVectors.Json("transparency-log", "rfc9162-merkle-reference.json").RootElement;

    public static TheoryData<string> InclusionFiles => TestDataFiles("inclusion");

    public static TheoryData<string> ConsistencyFiles => TestDataFiles("consistency");

    [Fact]
    public void HasherVectors_MatchEmptyRootLeafAndNodeHashes()
    {
        var vectors = Reference.GetProperty("hasher_vectors").EnumerateArray().ToArray();
        Assert.Equal(Hex(vectors[0], "value_hex"), MerkleHash.EmptyRoot());
        Assert.Equal(Hex(vectors[1], "value_hex"), MerkleHash.HashLeaf(Hex(vectors[1], "input_hex")));
        Assert.Equal(Hex(vectors[2], "value_hex"), MerkleHash.HashLeaf(Hex(vectors[2], "input_hex")));
        Assert.Equal(Hex(vectors[3], "value_hex"), MerkleHash.HashChildren(Hex(vectors[3], "left_hex"), Hex(vectors[3], "right_hex")));
    }

    [Fact]
    public void ReferenceTree_LeafNodeAndRootHashesMatch()
    {
        var tree = ReferenceTree();
        var levels = Reference.GetProperty("node_hashes_hex_by_level").EnumerateArray().ToArray();
        var checkedNodes = 0;
        for (var level = 0; level < levels.Length; level++)
        {
            var hashes = levels[level].EnumerateArray().ToArray();
            for (var index = 0; index < hashes.Length; index++, checkedNodes++)
            {
                Assert.Equal(Convert.FromHexString(hashes[index].GetString()!), tree.GetHash(new MerkleNodeId(level, index)));
            }
        }

        Assert.Equal(15, checkedNodes);
        Assert.Equal(
            Convert.FromHexString(Reference.GetProperty("root_hashes_hex_by_size").GetProperty("8").GetString()!),
            MerkleAccumulator.RootOf(Reference.GetProperty("leaf_hashes_hex").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!))));
    }

    [Fact]
    public async Task ReferenceTree_RootsForEverySizeMatch()
    {
        var tree = ReferenceTree();
        var accumulator = new MerkleAccumulator();
        foreach (var root in Reference.GetProperty("root_hashes_hex_by_size").EnumerateObject())
        {
            var size = long.Parse(root.Name, System.Globalization.CultureInfo.InvariantCulture);
            var expected = Convert.FromHexString(root.Value.GetString()!);
            Assert.Equal(expected, tree.Root(size));
            Assert.Equal(expected, await MerkleProofs.RootAsync(tree, size));
            Assert.Equal(expected, accumulator.Root());
            if (size < tree.Size)
            {
                accumulator.AppendLeafHash(tree.GetHash(new MerkleNodeId(0, size)));
            }
        }
    }

    [Fact]
    public async Task ReferenceInclusionProofs_AreGeneratedExactlyAndVerify()
    {
        var tree = ReferenceTree();
        var proofs = Reference.GetProperty("inclusion_proofs").EnumerateArray().ToArray();
        Assert.Equal(36, proofs.Length);
        foreach (var vector in proofs)
        {
            long index = vector.GetProperty("leaf_index").GetInt64(), size = vector.GetProperty("tree_size").GetInt64();
            var expected = HexList(vector, "proof_hex");
            Assert.Equal(expected, await MerkleProofs.InclusionProofAsync(tree, index, size));
            Assert.True(MerkleProofVerifier.VerifyInclusion(index, size, Hex(vector, "leaf_hash_hex"), expected, Hex(vector, "root_hex")));
            var otherLeaf = tree.GetHash(new MerkleNodeId(0, (index + 1) % 8));
            Assert.False(MerkleProofVerifier.VerifyInclusion(index, size, otherLeaf, expected, Hex(vector, "root_hex")));
            if (size > 1)
            {
                Assert.False(MerkleProofVerifier.VerifyInclusion(index ^ 1, size, Hex(vector, "leaf_hash_hex"), expected, Hex(vector, "root_hex")) && (index ^ 1) < size);
                Assert.False(MerkleProofVerifier.VerifyInclusion(index, size, Hex(vector, "leaf_hash_hex"), expected, tree.Root(size - 1)));
            }
        }
    }

    [Fact]
    public async Task ReferenceConsistencyProofs_AreGeneratedExactlyAndVerify()
    {
        var tree = ReferenceTree();
        var proofs = Reference.GetProperty("consistency_proofs").EnumerateArray().ToArray();
        Assert.Equal(36, proofs.Length);
        foreach (var vector in proofs)
        {
            long size1 = vector.GetProperty("size1").GetInt64(), size2 = vector.GetProperty("size2").GetInt64();
            var expected = HexList(vector, "proof_hex");
            Assert.Equal(expected, await MerkleProofs.ConsistencyProofAsync(tree, size1, size2));
            Assert.True(MerkleProofVerifier.VerifyConsistency(size1, size2, expected, Hex(vector, "root1_hex"), Hex(vector, "root2_hex")));
            Assert.False(MerkleProofVerifier.VerifyConsistency(size1, size2, expected, Hex(vector, "root2_hex"), Hex(vector, "root1_hex")) && size1 != size2);
        }
    }

    [Fact]
    public void ReferenceProofs_AnySingleBitFlipIsRefused()
    {
        var flips = 0;
        foreach (var vector in Reference.GetProperty("consistency_proofs").EnumerateArray())
        {
            long size1 = vector.GetProperty("size1").GetInt64(), size2 = vector.GetProperty("size2").GetInt64();
            var proof = HexList(vector, "proof_hex");
            for (var element = 0; element < proof.Length; element++)
            {
                for (var bit = 0; bit < 256; bit += 7, flips++)
                {
                    var broken = proof.Select(p => (byte[])p.Clone()).ToArray();
                    broken[element][bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.False(MerkleProofVerifier.VerifyConsistency(size1, size2, broken, Hex(vector, "root1_hex"), Hex(vector, "root2_hex")));
                }
            }
        }

        Assert.True(flips > 500);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void TestData_InclusionProof_VerifiesExactlyWhenExpected(string file)
    {
        var v = SharedVectors.Json("transparency-log", "merkle-testdata", file).RootElement;
        var valid = MerkleProofVerifier.VerifyInclusion(
            Signed(v, "leafIdx"), Signed(v, "treeSize"), Base64(v, "leafHash"), Base64List(v), Base64(v, "root"));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), valid);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void TestData_ConsistencyProof_VerifiesExactlyWhenExpected(string file)
    {
        var v = SharedVectors.Json("transparency-log", "merkle-testdata", file).RootElement;
        var valid = MerkleProofVerifier.VerifyConsistency(
            Signed(v, "size1"), Signed(v, "size2"), Base64List(v), Base64(v, "root1"), Base64(v, "root2"));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), valid);
    }

    [Fact]
    public void TestData_AllInclusionAndConsistencyFilesAreFound()
    {
        Assert.Equal(98, InclusionFiles.Count);
        Assert.Equal(98, ConsistencyFiles.Count);
    }

    private static InMemoryMerkleTree ReferenceTree()
    {
        var tree = new InMemoryMerkleTree();
        foreach (var leaf in Reference.GetProperty("leaf_inputs_hex").EnumerateArray())
        {
            tree.AppendLeaf(Convert.FromHexString(leaf.GetString()!));
        }

        return tree;
    }

    private static TheoryData<string> TestDataFiles(string group)
    {
        var root = SharedVectors.PathOf("transparency-log", "merkle-testdata");
        var files = Directory.EnumerateFiles(Path.Combine(root, group), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    /// <summary>The files use uint64 (some hold 2^64 - 1); the API takes long, as a caller casting unchecked would pass it.</summary>
    private static long Signed(JsonElement e, string name) => unchecked((long)e.GetProperty(name).GetUInt64());

    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    private static byte[][] HexList(JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToArray();

    private static byte[] Base64(JsonElement e, string name) => Convert.FromBase64String(e.GetProperty(name).GetString()!);

    private static byte[][] Base64List(JsonElement e) => e.GetProperty("proof").ValueKind == JsonValueKind.Null
        ? []
        : e.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToArray();
}
