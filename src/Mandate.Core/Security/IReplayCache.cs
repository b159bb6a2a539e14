namespace Mandate.Core.Security;

/// <summary>Remembers one-time values (JWT jti, DPoP proofs) until they expire.</summary>
public interface IReplayCache
{
    /// <summary>Records the value; false when it was seen before and has not expired (a replay).</summary>
    Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
