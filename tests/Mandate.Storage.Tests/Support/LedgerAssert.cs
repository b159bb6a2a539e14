using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Storage.Tests.Support;

public static class LedgerAssert
{
    /// <summary>
    /// Indexes 0..n-1 with no gap, and for every size the root and every inclusion proof from the stored subtree
    /// hashes equal those of a tree built in memory from the stored entries.
    /// </summary>
    public static async Task TreeMatchesEntriesAsync(ILedgerStore store)
    {
        var entries = await store.ReadEntriesAsync(0, int.MaxValue, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.Index));
        Assert.Equal(entries.Count, await store.GetSizeAsync(CancellationToken.None));
        var reference = new InMemoryMerkleTree();
        foreach (var entry in entries)
        {
            reference.AppendLeaf(entry.Entry);
        }

        for (long size = 1; size <= entries.Count; size++)
        {
            Assert.Equal(Convert.ToHexString(reference.Root(size)), Convert.ToHexString(await MerkleProofs.RootAsync(store, size)));
        }

        for (long index = 0; index < entries.Count; index++)
        {
            var proof = await MerkleProofs.InclusionProofAsync(store, index, entries.Count);
            Assert.Equal(reference.InclusionProof(index, entries.Count).Select(Convert.ToHexString), proof.Select(Convert.ToHexString));
        }
    }
}
