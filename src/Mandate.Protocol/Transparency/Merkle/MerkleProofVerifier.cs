using System.Security.Cryptography;

namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Every check returns false on bad input
/// and never throws: sizes out of range, hashes of the wrong length, proofs too short or too long.
/// </summary>
/// <remarks>
/// Edge cases follow transparency-dev/merkle, whose test data these checks pass: a consistency proof from size 0 is
/// refused (it proves nothing), and between equal sizes the proof must be empty and the two roots byte-equal.
/// </remarks>
public static class MerkleProofVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="leafIndex"/> of the tree of <paramref name="treeSize"/> leaves with root <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (proof is null || leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleHash.Size
            || root.Length != MerkleHash.Size || !AllHashes(proof))
        {
            return false;
        }

        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        long fn = leafIndex, sn = treeSize - 1;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.HashChildren(p, r, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.HashChildren(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Checks that the tree of <paramref name="size1"/> leaves with root <paramref name="root1"/> is a prefix of the tree of <paramref name="size2"/> leaves with root <paramref name="root2"/>.</summary>
    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (proof is null || size1 <= 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.Length == root2.Length && CryptographicOperations.FixedTimeEquals(root1, root2);
        }

        if (proof.Count == 0 || root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size || !AllHashes(proof))
        {
            return false;
        }

        // When size1 is a power of two the old root is itself a node of the new tree and is not in the proof.
        var oldRootIsNode = (size1 & (size1 - 1)) == 0;
        var first = oldRootIsNode ? root1 : proof[0];
        var rest = oldRootIsNode ? 0 : 1;
        long fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        first.CopyTo(fr);
        first.CopyTo(sr);
        for (var i = rest; i < proof.Count; i++)
        {
            var c = proof[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.HashChildren(c, fr, fr);
                MerkleHash.HashChildren(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0
            & CryptographicOperations.FixedTimeEquals(fr, root1)
            & CryptographicOperations.FixedTimeEquals(sr, root2);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                return false;
            }
        }

        return true;
    }
}
