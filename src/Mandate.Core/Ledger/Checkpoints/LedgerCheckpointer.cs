using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.Ledger.Checkpoints;

/// <summary>
/// Signs a checkpoint of the stored log when it has grown, and keeps it. Before signing, the new tree must be
/// consistent with the last checkpoint (an RFC 9162 consistency proof from the stored hashes): a log whose stored
/// history was changed or cut gets no new signature, only a critical log line.
/// </summary>
public sealed class LedgerCheckpointer(ILedgerStore store, ICheckpointStore checkpoints, LedgerKey key, TimeProvider time, ILogger<LedgerCheckpointer> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The latest checkpoint after signing one if the log grew; null when the log failed the consistency check.</summary>
    public async Task<StoredCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var size = await store.GetSizeAsync(cancellationToken);
            var latest = await checkpoints.GetLatestAsync(cancellationToken);
            if (latest is not null && latest.TreeSize >= size)
            {
                if (latest.TreeSize > size)
                {
                    LedgerLog.LogShrank(logger, size, latest.TreeSize);
                    return null;
                }

                return latest;
            }

            var root = await MerkleProofs.RootAsync(store, size, cancellationToken);
            if (latest is { TreeSize: > 0 })
            {
                var proof = await MerkleProofs.ConsistencyProofAsync(store, latest.TreeSize, size, cancellationToken);
                if (!MerkleProofVerifier.VerifyConsistency(latest.TreeSize, size, proof, latest.RootHash, root))
                {
                    LedgerLog.Inconsistent(logger, size, latest.TreeSize);
                    return null;
                }
            }

            var note = new Checkpoint(key.Origin, size, root).Sign(key.Signer).ToString();
            var signed = new StoredCheckpoint(size, root, note, time.GetUtcNow());
            await checkpoints.AddAsync(signed, cancellationToken);
            LedgerLog.CheckpointSigned(logger, size);
            return signed;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
