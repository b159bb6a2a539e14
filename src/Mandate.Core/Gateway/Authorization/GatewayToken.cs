using Mandate.Core.Tokens;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>A gateway caller's token that verified: its claims and its scopes, parsed once.</summary>
public sealed record GatewayToken(AccessTokenClaims Claims, IReadOnlyList<string> Scopes);
