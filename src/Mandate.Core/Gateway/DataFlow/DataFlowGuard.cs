using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway.DataFlow;

/// <summary>
/// The private-then-egress rule: once a grant or session has called a private tool, its calls to egress tools are
/// refused (Deny) or need a person's approval (Approval), per Gateway:PrivateThenEgress. A tool both private and egress
/// is judged as egress first (on what was read before), then marks (for what comes after).
/// </summary>
public sealed class DataFlowGuard(IToolCatalog catalog, IDataFlowTaintStore taints, IOptions<MandateOptions> options)
{
    public Task<DataFlowLabels> LabelsAsync(Upstream upstream, string tool, CancellationToken cancellationToken) =>
        catalog.FindLabelsAsync(upstream, tool, cancellationToken);

    public async Task<DataFlowVerdict> CheckAsync(DataFlowLabels labels, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var mode = options.Value.Gateway.PrivateThenEgress;
        if (mode == DataFlowMode.Off || !labels.HasFlag(DataFlowLabels.Egress) || !await taints.IsAnyMarkedAsync(keys, cancellationToken))
        {
            return DataFlowVerdict.Allow;
        }

        return mode == DataFlowMode.Deny ? DataFlowVerdict.Deny : DataFlowVerdict.RequiresApproval;
    }

    /// <summary>Records that these keys have read private data (before the call is forwarded, so a crash cannot lose it).</summary>
    public Task MarkAsync(IReadOnlyList<string> keys, string upstream, string tool, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        taints.MarkAsync(keys, upstream, tool, expiresAt, cancellationToken);
}
