namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The decision for one HTTP request (a message or a batch): the strictest requirement of any message decides.
/// </summary>
public sealed record GatewayDecision(GatewayOutcome Outcome, PermissionLevel RequiredLevel, IReadOnlyList<CallDecision> Calls)
{
    /// <summary>The full scope set the request needs, space-separated (e.g. "mcp:read mcp:write"); empty for Deny.</summary>
    public string RequiredScope => GatewayAuthorizer.ScopesFor(RequiredLevel);
}
