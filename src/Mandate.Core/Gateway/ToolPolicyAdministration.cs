using Mandate.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway;

/// <summary>What operators do to tool levels: override them, approve changed definitions, and see them.</summary>
public sealed class ToolPolicyAdministration(
    IToolPolicyStore store,
    IUpstreamStore upstreams,
    IAuditSink audit,
    TimeProvider time,
    ILogger<ToolPolicyAdministration> logger)
{
    public const string OverrideEventKind = "gateway.tool_override";
    public const string ApprovedEventKind = "gateway.tool_approved";
    public const string LabelEventKind = "gateway.tool_label";

    private const int Attempts = 3;

    /// <summary>Sets (or, with null, removes) the operator's level; calls need no approval.</summary>
    public Task<ToolPolicyOutcome> SetOverrideAsync(string upstream, string tool, PermissionLevel? level, CancellationToken cancellationToken) =>
        SetOverrideAsync(upstream, tool, level, requiresApproval: false, cancellationToken);

    /// <summary>
    /// Sets (or, with null, removes) the operator's level, and whether every call needs a person's approval. A tool not
    /// listed yet gets a record waiting for it.
    /// </summary>
    public async Task<ToolPolicyOutcome> SetOverrideAsync(string upstream, string tool, PermissionLevel? level, bool requiresApproval, CancellationToken cancellationToken)
    {
        if (await upstreams.FindAsync(upstream, cancellationToken) is null)
        {
            return ToolPolicyOutcome.UnknownUpstream;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var recorded = await store.FindAsync(upstream, tool, cancellationToken);
            var stored = recorded is null
                ? await store.AddAsync(new ToolPolicy { Upstream = upstream, Tool = tool, Status = ToolPolicyStatus.Unseen, OverrideLevel = level, RequiresApproval = requiresApproval, UpdatedAt = now }, cancellationToken)
                : await store.UpdateAsync(recorded with { OverrideLevel = level, RequiresApproval = requiresApproval, UpdatedAt = now }, cancellationToken);
            if (stored)
            {
                var word = (level is { } l ? PermissionLevelNames.Name(l) : "its default") + (requiresApproval ? " with a person's approval for every call" : string.Empty);
                GatewayLog.OverrideSet(logger, upstream, tool, word);
                await RecordAsync(OverrideEventKind, $"operator set the level to {word}", upstream, tool, cancellationToken);
                return ToolPolicyOutcome.Done;
            }
        }

        throw new InvalidOperationException($"Tool {tool} of upstream {upstream} kept changing; try again.");
    }

    /// <summary>Sets (or, with null, removes) the operator's data-flow labels. A tool not listed yet gets a record waiting for it.</summary>
    public async Task<ToolPolicyOutcome> SetLabelsAsync(string upstream, string tool, DataFlow.DataFlowLabels? labels, CancellationToken cancellationToken)
    {
        if (await upstreams.FindAsync(upstream, cancellationToken) is null)
        {
            return ToolPolicyOutcome.UnknownUpstream;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var recorded = await store.FindAsync(upstream, tool, cancellationToken);
            var stored = recorded is null
                ? await store.AddAsync(new ToolPolicy { Upstream = upstream, Tool = tool, Status = ToolPolicyStatus.Unseen, LabelOverride = labels, UpdatedAt = now }, cancellationToken)
                : await store.UpdateAsync(recorded with { LabelOverride = labels, UpdatedAt = now }, cancellationToken);
            if (stored)
            {
                var word = labels is { } l ? DataFlow.DataFlowLabelNames.Name(l) : "its default";
                await RecordAsync(LabelEventKind, $"operator set the data-flow labels to {word}", upstream, tool, cancellationToken);
                return ToolPolicyOutcome.Done;
            }
        }

        throw new InvalidOperationException($"Tool {tool} of upstream {upstream} kept changing; try again.");
    }

    /// <summary>Accepts a held tool's pending definition; its level starts again from the new annotations.</summary>
    public async Task<ToolPolicyOutcome> ApproveAsync(string upstream, string tool, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var recorded = await store.FindAsync(upstream, tool, cancellationToken);
            if (recorded is null)
            {
                return await upstreams.FindAsync(upstream, cancellationToken) is null ? ToolPolicyOutcome.UnknownUpstream : ToolPolicyOutcome.UnknownTool;
            }

            if (recorded.Status != ToolPolicyStatus.Held || recorded.PendingDefinition is null || ToolDefinition.FromJson(recorded.PendingDefinition) is not { } pending)
            {
                return ToolPolicyOutcome.NothingPending;
            }

            var approved = recorded with
            {
                Status = ToolPolicyStatus.Approved,
                ApprovedFingerprint = pending.Fingerprint,
                ApprovedDefinition = pending.Json,
                ApprovedLevel = pending.AnnotationLevel,
                PendingFingerprint = null,
                PendingDefinition = null,
                UpdatedAt = time.GetUtcNow(),
            };
            if (await store.UpdateAsync(approved, cancellationToken))
            {
                GatewayLog.DefinitionApproved(logger, upstream, tool);
                await RecordAsync(ApprovedEventKind, "operator approved the changed definition", upstream, tool, cancellationToken);
                return ToolPolicyOutcome.Done;
            }
        }

        throw new InvalidOperationException($"Tool {tool} of upstream {upstream} kept changing; try again.");
    }

    /// <summary>The upstream and each recorded tool with its effective level (null for an unseen tool without override).</summary>
    public async Task<(Upstream? Upstream, IReadOnlyList<(ToolPolicy Policy, ToolLevel? Level)> Tools)> ListAsync(string upstream, CancellationToken cancellationToken)
    {
        var found = await upstreams.FindAsync(upstream, cancellationToken);
        if (found is null)
        {
            return (null, []);
        }

        var policies = await store.ListAsync(upstream, cancellationToken);
        return (found, policies.Select(p => (p, ToolLevel.Of(p, found.TrustAnnotations))).ToList());
    }

    private ValueTask<long> RecordAsync(string kind, string reason, string upstream, string tool, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent { Timestamp = time.GetUtcNow(), Kind = kind, Decision = "allow", Reason = reason, Upstream = upstream, Tool = tool }, cancellationToken);
}
