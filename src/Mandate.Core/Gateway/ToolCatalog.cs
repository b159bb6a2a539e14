using System.Text.Json;
using Mandate.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway;

/// <summary>
/// Decides each tool's level from what upstreams list: first sight records the definition as approved; a later change
/// to only the annotations can only raise the level; any other change holds the tool at Deny until an operator approves
/// it. Each change is logged and audited once, by whichever process stored it.
/// </summary>
public sealed class ToolCatalog(
    IToolPolicyStore store,
    IUpstreamStore upstreams,
    IAuditSink audit,
    TimeProvider time,
    ILogger<ToolCatalog> logger) : IToolCatalog
{
    public const string ChangedEventKind = "gateway.tool_changed";

    private const int Attempts = 3;

    public async Task<IReadOnlyDictionary<string, PermissionLevel>> ReconcileAsync(Upstream upstream, IReadOnlyList<JsonElement> tools, CancellationToken cancellationToken)
    {
        var results = await ReconcileDetailedAsync(upstream, tools, cancellationToken);
        return results.ToDictionary(r => r.Name, r => r.Level, StringComparer.Ordinal);
    }

    /// <summary>Like <see cref="ReconcileAsync"/>, with why each tool has its level (for people).</summary>
    public async Task<IReadOnlyList<ToolReconciliation>> ReconcileDetailedAsync(Upstream upstream, IReadOnlyList<JsonElement> tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(tools);
        var recorded = (await store.ListAsync(upstream.Name, cancellationToken)).ToDictionary(p => p.Tool, StringComparer.Ordinal);
        var results = new Dictionary<string, ToolReconciliation>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (ToolDefinition.Parse(tool) is not { } definition)
            {
                continue;
            }

            if (results.ContainsKey(definition.Name))
            {
                // Two definitions under one name: which one would the upstream run? Neither.
                GatewayLog.ToolDuplicated(logger, upstream.Name, definition.Name);
                results[definition.Name] = new(definition.Name, PermissionLevel.Deny, ToolLevelReason.Held, ToolChangeKind.Unchanged);
                continue;
            }

            var (kind, policy) = await StoreAsync(upstream.Name, recorded.GetValueOrDefault(definition.Name), definition, cancellationToken);
            var level = ToolLevel.Of(policy, upstream.TrustAnnotations)!.Value;
            results[definition.Name] = new(definition.Name, level.Level, level.Reason, kind);
        }

        return [.. results.Values];
    }

    public async Task<PermissionLevel?> FindLevelAsync(string upstream, string tool, CancellationToken cancellationToken)
    {
        var policy = await store.FindAsync(upstream, tool, cancellationToken);
        if (policy is null)
        {
            return null;
        }

        if (policy.Status == ToolPolicyStatus.Held || policy.OverrideLevel is not null)
        {
            return ToolLevel.Of(policy, trustAnnotations: false)?.Level;
        }

        var found = await upstreams.FindAsync(upstream, cancellationToken);
        return found is null ? null : ToolLevel.Of(policy, found.TrustAnnotations)?.Level;
    }

    /// <summary>For callers that already hold the upstream: one store read instead of two.</summary>
    public async Task<PermissionLevel?> FindLevelAsync(Upstream upstream, string tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var policy = await store.FindAsync(upstream.Name, tool, cancellationToken);
        return policy is null ? null : ToolLevel.Of(policy, upstream.TrustAnnotations)?.Level;
    }

    public async Task<DataFlow.DataFlowLabels> FindLabelsAsync(Upstream upstream, string tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return DataFlow.ToolDataFlow.Of(await store.FindAsync(upstream.Name, tool, cancellationToken), upstream.TrustAnnotations);
    }

    public async Task<bool> RequiresApprovalAsync(Upstream upstream, string tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return (await store.FindAsync(upstream.Name, tool, cancellationToken))?.RequiresApproval == true;
    }

    // Another process (server or CLI) may store the same change first; then compare again with what it stored.
    private async Task<(ToolChangeKind Kind, ToolPolicy Policy)> StoreAsync(string upstream, ToolPolicy? recorded, ToolDefinition definition, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var change = ToolPolicyChange.Compare(upstream, recorded, definition, time.GetUtcNow());
            if (change.Kind == ToolChangeKind.Unchanged)
            {
                return (change.Kind, change.Policy);
            }

            var stored = recorded is null
                ? await store.AddAsync(change.Policy, cancellationToken)
                : await store.UpdateAsync(change.Policy, cancellationToken);
            if (stored)
            {
                await ReportAsync(change, cancellationToken);
                return (change.Kind, change.Policy with { Version = change.Policy.Version + 1 });
            }

            recorded = await store.FindAsync(upstream, definition.Name, cancellationToken);
            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Tool {definition.Name} of upstream {upstream} kept changing while it was being recorded.");
            }
        }
    }

    private async Task ReportAsync(ToolPolicyChange change, CancellationToken cancellationToken)
    {
        var (upstream, tool) = (change.Policy.Upstream, change.Policy.Tool);
        string decision, reason;
        switch (change.Kind)
        {
            case ToolChangeKind.New:
                GatewayLog.ToolRecorded(logger, upstream, tool);
                return;
            case ToolChangeKind.AnnotationsChanged:
                GatewayLog.ToolReannotated(logger, upstream, tool, change.Previous!.ApprovedLevel, change.Policy.ApprovedLevel);
                (decision, reason) = ("allow", $"annotations changed; annotation level {PermissionLevelNames.Name(change.Previous.ApprovedLevel)} -> {PermissionLevelNames.Name(change.Policy.ApprovedLevel)}");
                break;
            case ToolChangeKind.Reverted:
                GatewayLog.ToolReverted(logger, upstream, tool);
                (decision, reason) = ("allow", "back at the approved definition; hold lifted");
                break;
            default:
                GatewayLog.ToolHeld(logger, upstream, tool);
                (decision, reason) = ("deny", "definition changed; held until an operator approves it");
                break;
        }

        await audit.RecordAsync(
            new AuditEvent { Timestamp = time.GetUtcNow(), Kind = ChangedEventKind, Decision = decision, Reason = reason, Upstream = upstream, Tool = tool },
            cancellationToken);
    }
}
