using Mandate.Core.Tokens;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>Who asks what of which upstream, as the gateway's decision needs it.</summary>
/// <param name="ResourceUri">The upstream's resource URI (a mandate governs when it lists it among its locations).</param>
/// <param name="Claims">The caller's token; null when only scopes are known.</param>
/// <param name="DataFlowKeys">Whose reading of private data the calls answer for (<see cref="DataFlow.DataFlowKeys"/>).</param>
public sealed record GatewayRequest(Upstream Upstream, string ResourceUri, AccessTokenClaims? Claims, IReadOnlyCollection<string> Scopes, IReadOnlyList<string> DataFlowKeys);
