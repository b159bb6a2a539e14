using Mandate.Protocol.OAuth;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// May this token make this call? tools/call needs the tool's level (asking the upstream for its tools once when the
/// tool was never seen; an unknown tool is Destructive); every other method needs mcp:read. A batch needs the
/// strictest level of its messages; a Deny tool refuses the whole batch.
/// </summary>
public sealed class GatewayAuthorizer(IToolCatalog catalog, ToolListFetches fetches)
{
    public async Task<GatewayDecision> AuthorizeAsync(Upstream upstream, IReadOnlyList<McpCall> calls, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(scopes);
        var decisions = new List<CallDecision>(calls.Count);
        var required = PermissionLevel.Read;
        foreach (var call in calls)
        {
            var (level, reason) = !call.IsToolCall ? (PermissionLevel.Read, "method")
                : call.Tool is { } tool ? await LevelOfToolAsync(upstream, tool, cancellationToken)
                : (PermissionLevel.Destructive, "no tool name");
            var outcome = level == PermissionLevel.Deny ? GatewayOutcome.Deny
                : GatewayScopes.Allows(scopes, level) ? GatewayOutcome.Allow
                : GatewayOutcome.StepUp;
            decisions.Add(new CallDecision(call, level, outcome, reason));
            required = level > required ? level : required;
        }

        var overall = decisions.Any(d => d.Outcome == GatewayOutcome.Deny) ? GatewayOutcome.Deny
            : decisions.Any(d => d.Outcome == GatewayOutcome.StepUp) ? GatewayOutcome.StepUp
            : GatewayOutcome.Allow;
        return new GatewayDecision(overall, required, decisions);
    }

    /// <summary>Whether a tools/list entry at this level is shown to a token with these scopes.</summary>
    public static bool MayCall(PermissionLevel level, IReadOnlyCollection<string> scopes) => GatewayScopes.Allows(scopes, level);

    /// <summary>Every scope up to the level, e.g. Write gives "mcp:read mcp:write" (empty for Deny).</summary>
    public static string ScopesFor(PermissionLevel level) => level == PermissionLevel.Deny
        ? string.Empty
        : ScopeParser.Join(GatewayScopes.All.Take((int)level + 1).ToList());

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
