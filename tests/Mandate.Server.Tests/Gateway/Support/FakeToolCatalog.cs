using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.DataFlow;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>
/// A tool catalog with the rules the gateway relies on: annotation levels for trusted upstreams (read-only: read;
/// destructiveHint false: write; otherwise destructive), destructive for untrusted ones, and per-tool overrides.
/// </summary>
public sealed class FakeToolCatalog : IToolCatalog
{
    private readonly ConcurrentDictionary<string, PermissionLevel> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PermissionLevel> overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DataFlowLabels> labels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> approvals = new(StringComparer.Ordinal);
    private int reconciles;

    public int Reconciles => reconciles;

    public void Override(string upstream, string tool, PermissionLevel level) => overrides[upstream + "/" + tool] = level;

    /// <summary>The operator's data-flow labels of a tool (mandate policy set --label).</summary>
    public void Label(string upstream, string tool, DataFlowLabels label) => labels[upstream + "/" + tool] = label;

    /// <summary>The operator's "--level approval" for a tool.</summary>
    public void RequireApproval(string upstream, string tool, bool required = true) => approvals[upstream + "/" + tool] = required;

    public Task<bool> RequiresApprovalAsync(Upstream upstream, string tool, CancellationToken cancellationToken) =>
        Task.FromResult(approvals.GetValueOrDefault(upstream.Name + "/" + tool));

    public Task<DataFlowLabels> FindLabelsAsync(Upstream upstream, string tool, CancellationToken cancellationToken) =>
        Task.FromResult(labels.GetValueOrDefault(upstream.Name + "/" + tool));

    public Task<IReadOnlyDictionary<string, PermissionLevel>> ReconcileAsync(Upstream upstream, IReadOnlyList<JsonElement> tools, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reconciles);
        var levels = new Dictionary<string, PermissionLevel>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || nameElement.GetString() is not { } name)
            {
                continue;
            }

            var level = overrides.TryGetValue(upstream.Name + "/" + name, out var forced) ? forced
                : upstream.TrustAnnotations ? FromAnnotations(tool)
                : PermissionLevel.Destructive;
            seen[upstream.Name + "/" + name] = level;
            levels[name] = level;
        }

        return Task.FromResult<IReadOnlyDictionary<string, PermissionLevel>>(levels);
    }

    public Task<PermissionLevel?> FindLevelAsync(Upstream upstream, string tool, CancellationToken cancellationToken) =>
        FindLevelAsync(upstream.Name, tool, cancellationToken);

    public Task<PermissionLevel?> FindLevelAsync(string upstream, string tool, CancellationToken cancellationToken)
    {
        var key = upstream + "/" + tool;
        PermissionLevel? level = overrides.TryGetValue(key, out var forced) ? forced : seen.TryGetValue(key, out var known) ? known : null;
        return Task.FromResult(level);
    }

    private static PermissionLevel FromAnnotations(JsonElement tool)
    {
        if (!tool.TryGetProperty("annotations", out var annotations))
        {
            return PermissionLevel.Destructive;
        }

        if (annotations.TryGetProperty("readOnlyHint", out var readOnly) && readOnly.ValueKind == JsonValueKind.True)
        {
            return PermissionLevel.Read;
        }

        return annotations.TryGetProperty("destructiveHint", out var destructive) && destructive.ValueKind == JsonValueKind.False
            ? PermissionLevel.Write
            : PermissionLevel.Destructive;
    }
}
