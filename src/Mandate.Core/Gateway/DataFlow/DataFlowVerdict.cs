namespace Mandate.Core.Gateway.DataFlow;

/// <summary>The private-then-egress rule's word on one tools/call.</summary>
public enum DataFlowVerdict
{
    Allow,

    /// <summary>Egress after private data, in <see cref="DataFlowMode.Deny"/>.</summary>
    Deny,

    /// <summary>Egress after private data, in <see cref="DataFlowMode.Approval"/>: a person must approve this exact call.</summary>
    RequiresApproval,
}
