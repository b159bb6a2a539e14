using System.Collections.Concurrent;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// May this token make this call? tools/call needs the tool's level (asking the upstream for its tools once when the
/// tool was never seen; an unknown tool is Destructive); every other method needs mcp:read. A batch needs the
/// strictest level of its messages; a Deny tool refuses the whole batch.
/// </summary>
public sealed class GatewayAuthorizer(IToolCatalog catalog, IUpstreamToolSource toolSource, TimeProvider time, ILogger<GatewayAuthorizer> logger)
{
    // An unknown tool name costs one tools/list upstream at most this often per upstream, so a caller inventing
    // names cannot make the gateway hammer the upstream.
    private static readonly TimeSpan RefetchCooldown = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, long> lastFetch = new(StringComparer.Ordinal);

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

        if (TryStartFetch(upstream.Name))
        {
            try
            {
                var tools = await toolSource.ListToolsAsync(upstream, cancellationToken);
                var levels = await catalog.ReconcileAsync(upstream, tools, cancellationToken);
                if (levels.TryGetValue(tool, out var fetched))
                {
                    return (fetched, "fetched");
                }
            }
            catch (Exception ex) when (ex is UpstreamToolSourceException or HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                AuthorizationLog.ToolFetchFailed(logger, upstream.Name, ex.GetType().Name);
            }
        }

        return (PermissionLevel.Destructive, "unknown tool");
    }

    private bool TryStartFetch(string upstream)
    {
        var now = time.GetTimestamp();
        var last = lastFetch.GetOrAdd(upstream, long.MinValue);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < RefetchCooldown)
        {
            return false;
        }

        return lastFetch.TryUpdate(upstream, now, last);
    }
}
