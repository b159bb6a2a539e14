using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// May this token make this call? tools/call needs the tool's level (asking the upstream for its tools once when the
/// tool was never seen; an unknown tool is Destructive); every other method needs mcp:read. A batch needs the
/// strictest level of its messages; a refused message (a Deny tool, a mandate refusal, the data-flow rule) refuses
/// the whole batch. A token whose mandate governs this resource calls exactly the mandate's tools, whatever its scopes
/// (<see cref="MandateEnforcer"/>), and needs no scope for session plumbing (<see cref="McpCall.IsSessionPlumbing"/>).
/// </summary>
public sealed class GatewayAuthorizer(IToolCatalog catalog, ToolListFetches fetches, MandateEnforcer mandates, DataFlowGuard dataFlow, ToolApprovals approvals)
{
    public async Task<GatewayDecision> AuthorizeAsync(GatewayRequest request, IReadOnlyList<McpCall> calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calls);
        var governed = request.Claims is { } claims && MandateEnforcer.Governs(claims, request.ResourceUri);
        var decisions = new List<CallDecision>(calls.Count);
        var required = PermissionLevel.Read;
        foreach (var call in calls)
        {
            var decision = governed ? await DecideByMandateAsync(request, call, cancellationToken) : null;
            decision ??= await DecideByScopeAsync(request, call, cancellationToken);
            if (decision.Outcome == GatewayOutcome.Allow && call.IsToolCall && call.Tool is { } tool)
            {
                decision = await CheckDataFlowAsync(request, decision, tool, cancellationToken);
                if (decision.Outcome == GatewayOutcome.Allow && await approvals.ReasonAsync(request.Upstream, tool, decision.Level, cancellationToken) is { } reason)
                {
                    decision = decision with { Outcome = GatewayOutcome.RequiresApproval, Reason = reason };
                }
            }

            decisions.Add(decision);
            if (!decision.ByMandate && decision.Level > required)
            {
                required = decision.Level;
            }
        }

        var overall = decisions.FirstOrDefault(d => d.Outcome == GatewayOutcome.Deny)?.Outcome
            ?? decisions.FirstOrDefault(d => GatewayDecision.IsRefusal(d.Outcome))?.Outcome
            ?? (decisions.Any(d => d.Outcome == GatewayOutcome.StepUp) ? GatewayOutcome.StepUp : GatewayOutcome.Allow);
        return new GatewayDecision(overall, required, decisions);
    }

    /// <summary>Whether a tools/list entry at this level is shown to a token with these scopes.</summary>
    public static bool MayCall(PermissionLevel level, IReadOnlyCollection<string> scopes) => GatewayScopes.Allows(scopes, level);

    /// <summary>Whether a tools/list entry is shown: a governing mandate lists exactly its tools (never Deny ones); otherwise the scopes decide.</summary>
    public static bool MayList(AccessTokenClaims? claims, string resourceUri, IReadOnlyCollection<string> scopes, string tool, PermissionLevel level) =>
        claims is not null && MandateEnforcer.Governs(claims, resourceUri)
            ? level != PermissionLevel.Deny && MandateEnforcer.Lists(claims, tool)
            : MayCall(level, scopes);

    /// <summary>Every scope up to the level, e.g. Write gives "mcp:read mcp:write" (empty for Deny).</summary>
    public static string ScopesFor(PermissionLevel level) => level == PermissionLevel.Deny
        ? string.Empty
        : ScopeParser.Join(GatewayScopes.All.Take((int)level + 1).ToList());

    /// <summary>Null when the mandate has no say (a method other than tools/call and plumbing: the scopes decide).</summary>
    private async Task<CallDecision?> DecideByMandateAsync(GatewayRequest request, McpCall call, CancellationToken cancellationToken)
    {
        if (!call.IsToolCall)
        {
            return call.IsSessionPlumbing ? new CallDecision(call, PermissionLevel.Read, GatewayOutcome.Allow, "method") { ByMandate = true } : null;
        }

        var verdict = mandates.Check(request.Claims!, call.Tool, call.Arguments);
        if (!verdict.Allowed)
        {
            return new CallDecision(call, PermissionLevel.Deny, GatewayOutcome.MandateRefused, verdict.Refusal!) { ByMandate = true };
        }

        // The mandate names the tool, but never past the operator: a Deny tool (or one held after a definition change) stays denied.
        var (level, reason) = await LevelOfToolAsync(request.Upstream, call.Tool!, cancellationToken);
        var outcome = level == PermissionLevel.Deny ? GatewayOutcome.Deny : GatewayOutcome.Allow;
        return new CallDecision(call, level, outcome, reason + ", mandate") { ByMandate = true, Charges = outcome == GatewayOutcome.Allow ? verdict.Charges : [] };
    }

    private async Task<CallDecision> DecideByScopeAsync(GatewayRequest request, McpCall call, CancellationToken cancellationToken)
    {
        var (level, reason) = !call.IsToolCall ? (PermissionLevel.Read, "method")
            : call.Tool is { } tool ? await LevelOfToolAsync(request.Upstream, tool, cancellationToken)
            : (PermissionLevel.Destructive, "no tool name");
        var outcome = level == PermissionLevel.Deny ? GatewayOutcome.Deny
            : GatewayScopes.Allows(request.Scopes, level) ? GatewayOutcome.Allow
            : GatewayOutcome.StepUp;
        return new CallDecision(call, level, outcome, reason);
    }

    private async Task<CallDecision> CheckDataFlowAsync(GatewayRequest request, CallDecision decision, string tool, CancellationToken cancellationToken)
    {
        var labels = await dataFlow.LabelsAsync(request.Upstream, tool, cancellationToken);
        var verdict = await dataFlow.CheckAsync(labels, request.DataFlowKeys, cancellationToken);
        return verdict switch
        {
            DataFlowVerdict.Deny => decision with { Outcome = GatewayOutcome.DataFlowDenied, Reason = "egress after private data", Labels = labels, Charges = [] },
            // Its mandate counters stay with it: a held call is counted once approved, when it is forwarded.
            DataFlowVerdict.RequiresApproval => decision with { Outcome = GatewayOutcome.RequiresApproval, Reason = "egress after private data requires approval", Labels = labels },
            _ => decision with { Labels = labels },
        };
    }

    private async Task<(PermissionLevel Level, string Reason)> LevelOfToolAsync(Upstream upstream, string tool, CancellationToken cancellationToken)
    {
        if (await catalog.FindLevelAsync(upstream, tool, cancellationToken) is { } known)
        {
            return (known, "catalog");
        }

        var levels = await fetches.FetchAsync(upstream).WaitAsync(cancellationToken);
        return levels is not null && levels.TryGetValue(tool, out var fetched)
            ? (fetched, "fetched")
            : (PermissionLevel.Destructive, "unknown tool");
    }
}
