namespace Mandate.Core.Tokens;

/// <summary>
/// Which access token was exchanged from which (RFC 8693), kept until the child expires, so revocation can follow the
/// delegation subtree down.
/// </summary>
public interface IDelegationStore
{
    Task RecordAsync(TokenDelegation delegation, CancellationToken cancellationToken);

    /// <summary>The tokens exchanged directly from this one that have not expired.</summary>
    Task<IReadOnlyList<TokenDelegation>> ListChildrenAsync(string parentTokenId, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
