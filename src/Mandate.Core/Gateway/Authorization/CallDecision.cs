using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Mandates.Enforcement;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The decision for one message and why, for the audit event and, when refused, the caller (<see cref="Reason"/> then
/// says which limit). An allowed tools/call carries the mandate counters it must pass at forward time and its data-flow labels.
/// </summary>
public sealed record CallDecision(McpCall Call, PermissionLevel Level, GatewayOutcome Outcome, string Reason)
{
    public IReadOnlyList<CallCharge> Charges { get; init; } = [];

    public DataFlowLabels Labels { get; init; }

    /// <summary>Decided by the token's mandate rather than its scopes.</summary>
    public bool ByMandate { get; init; }
}
