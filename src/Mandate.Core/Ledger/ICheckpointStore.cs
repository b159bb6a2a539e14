namespace Mandate.Core.Ledger;

/// <summary>Every checkpoint the ledger signed, by tree size.</summary>
public interface ICheckpointStore
{
    /// <summary>Keeps a checkpoint; a second one for a size already kept is ignored.</summary>
    Task AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The checkpoint with the largest tree size, if any.</summary>
    Task<StoredCheckpoint?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>All checkpoints, smallest tree first.</summary>
    Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken);
}
