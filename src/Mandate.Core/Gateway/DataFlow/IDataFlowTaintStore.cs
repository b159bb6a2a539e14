namespace Mandate.Core.Gateway.DataFlow;

/// <summary>
/// Which grants and sessions have called a private tool, durable and shared by every gateway instance. Keys are
/// "grant:{id}", "session:{id}" or "token:{jti}" (<see cref="DataFlowKeys"/>); a key once marked stays marked until it expires.
/// </summary>
public interface IDataFlowTaintStore
{
    Task<bool> IsAnyMarkedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Marks every key (those already marked keep their first mark).</summary>
    Task MarkAsync(IReadOnlyList<string> keys, string upstream, string tool, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
