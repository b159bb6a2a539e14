using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Core.Ledger;

/// <summary>
/// Before the server appends: the stored tail must be whole. Entry 0 and entry n-1 exist, the last leaf hash matches
/// the last entry and nothing is stored past it, the tree's peaks are there, and the latest checkpoint's root is the
/// stored tree's root at its size and consistent with the tree now. O(log n) reads; `mandate ledger verify` checks
/// everything.
/// </summary>
public sealed class LedgerStartupCheck(ILedgerStore store, ICheckpointStore checkpoints)
{
    /// <exception cref="LedgerIntegrityException">The stored log is damaged; the message says where.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var size = await store.GetSizeAsync(cancellationToken);
        var latest = await checkpoints.GetLatestAsync(cancellationToken);
        if (latest is not null && latest.TreeSize > size)
        {
            throw Damaged($"the ledger holds {size} entries but was checkpointed at {latest.TreeSize}: entries were deleted");
        }

        if (size == 0)
        {
            return;
        }

        if ((await store.ReadEntriesAsync(0, 1, cancellationToken)) is not [{ Index: 0 }])
        {
            throw Damaged("entry 0 is missing");
        }

        var last = (await store.ReadEntriesAsync(size - 1, 1, cancellationToken))[0];
        var leaves = await store.ReadNodesAsync(0, size - 1, 2, cancellationToken);
        if (leaves is not [{ Index: var leafIndex, Hash: var leafHash }] || leafIndex != size - 1 || !leafHash.AsSpan().SequenceEqual(MerkleHash.HashLeaf(last.Entry)))
        {
            throw Damaged($"the stored leaf hashes do not end with that of entry {size - 1}");
        }

        try
        {
            var tree = await MerkleAccumulator.LoadAsync(store, size, cancellationToken);
            if (latest is { TreeSize: > 0 } && !await MatchesAsync(latest, tree, cancellationToken))
            {
                throw Damaged($"the stored tree does not match (or is not consistent with) the checkpoint at {latest.TreeSize}");
            }
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex.Message);
        }
    }

    private async Task<bool> MatchesAsync(StoredCheckpoint latest, MerkleAccumulator tree, CancellationToken cancellationToken)
    {
        var oldRoot = await MerkleProofs.RootAsync(store, latest.TreeSize, cancellationToken);
        var proof = await MerkleProofs.ConsistencyProofAsync(store, latest.TreeSize, tree.Size, cancellationToken);
        return oldRoot.AsSpan().SequenceEqual(latest.RootHash)
            && MerkleProofVerifier.VerifyConsistency(latest.TreeSize, tree.Size, proof, latest.RootHash, tree.Root());
    }

    private static LedgerIntegrityException Damaged(string what) =>
        new($"The stored audit ledger is damaged: {what}. Nothing more is appended to it; run `mandate ledger verify` to see where.");
}
