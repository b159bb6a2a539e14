using System.Text.Json;

namespace Mandate.Core.Gateway;

/// <summary>
/// What Mandate knows of each upstream's tools and the level each one is allowed at: defaults from annotations (only
/// for upstreams marked trusted), operator overrides, and rug-pull holds for definitions that changed.
/// </summary>
public interface IToolCatalog
{
    /// <summary>
    /// Takes the tools an upstream just listed (the elements of a tools/list result's "tools" array), records new and
    /// changed definitions, and returns the effective level of each listed tool by name.
    /// </summary>
    Task<IReadOnlyDictionary<string, PermissionLevel>> ReconcileAsync(Upstream upstream, IReadOnlyList<JsonElement> tools, CancellationToken cancellationToken);

    /// <summary>The effective level of a tool from what is recorded, or null when the tool was never seen.</summary>
    Task<PermissionLevel?> FindLevelAsync(string upstream, string tool, CancellationToken cancellationToken);

    /// <summary>The same for a caller that already holds the upstream (the gateway): no upstream lookup.</summary>
    Task<PermissionLevel?> FindLevelAsync(Upstream upstream, string tool, CancellationToken cancellationToken);

    /// <summary>The tool's effective data-flow labels (<see cref="DataFlow.ToolDataFlow"/>); none for a tool never seen.</summary>
    Task<DataFlow.DataFlowLabels> FindLabelsAsync(Upstream upstream, string tool, CancellationToken cancellationToken);

    /// <summary>Whether the operator set the tool to need a person's approval for every call (mandate policy set --level approval).</summary>
    Task<bool> RequiresApprovalAsync(Upstream upstream, string tool, CancellationToken cancellationToken);
}
