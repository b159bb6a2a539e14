using Mandate.Core.Tokens;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>A gateway caller's token that verified: its claims and its scopes, parsed once.</summary>
public sealed record GatewayToken(AccessTokenClaims Claims, IReadOnlyList<string> Scopes)
{
    /// <summary>The act chain as compact JSON for audit events (computed once per cached token).</summary>
    public string? ActorChain { get; } = Claims.Actor?.ToJson();
}
