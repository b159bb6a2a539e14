namespace Mandate.Core.Tokens;

/// <summary>
/// Revokes an access token and every token exchanged from it, at any depth: a delegation never outlives the grant it
/// was cut from. Revoking writes the parent first, and an exchange records its child before re-checking the parent,
/// so a child minted while its parent is being revoked is caught by one side or the other.
/// </summary>
public sealed class AccessTokenRevoker(IRevokedAccessTokenStore revoked, IDelegationStore delegations)
{
    /// <summary>Stops a pathological (or cyclic, which exchange never creates) tree from running forever.</summary>
    private const int MaxTokens = 10_000;

    /// <returns>How many tokens were revoked, the first included.</returns>
    public async Task<int> RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        var pending = new Queue<(string Id, DateTimeOffset ExpiresAt)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        pending.Enqueue((tokenId, expiresAt));
        while (pending.TryDequeue(out var next) && seen.Count < MaxTokens)
        {
            if (!seen.Add(next.Id))
            {
                continue;
            }

            await revoked.RevokeAsync(next.Id, next.ExpiresAt, cancellationToken);
            foreach (var child in await delegations.ListChildrenAsync(next.Id, cancellationToken))
            {
                pending.Enqueue((child.TokenId, child.ExpiresAt));
            }
        }

        return seen.Count;
    }
}
