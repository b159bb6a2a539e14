using Mandate.Core.Mandates.Enforcement;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The decision for one HTTP request (a message or a batch): the strictest requirement of any message decides.
/// </summary>
public sealed record GatewayDecision(GatewayOutcome Outcome, PermissionLevel RequiredLevel, IReadOnlyList<CallDecision> Calls)
{
    /// <summary>The full scope set the request needs, space-separated (e.g. "mcp:read mcp:write"); empty for Deny.</summary>
    public string RequiredScope => GatewayAuthorizer.ScopesFor(RequiredLevel);

    /// <summary>Every mandate counter the request's calls must pass, counted together at forward time.</summary>
    public IReadOnlyList<CallCharge> Charges => Calls.SelectMany(c => c.Charges).ToList();

    /// <summary>Whether a message is refused with a JSON-RPC error (not a step-up).</summary>
    public static bool IsRefusal(GatewayOutcome outcome) => outcome is not (GatewayOutcome.Allow or GatewayOutcome.StepUp);
}
