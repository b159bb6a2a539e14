namespace Mandate.Core.Gateway.DataFlow;

/// <summary>What happens to an egress call after private data was read by the same grant or session (Gateway:PrivateThenEgress).</summary>
public enum DataFlowMode
{
    /// <summary>The call needs a person's approval: the gateway holds it until the person decides (or Gateway:ApprovalTimeout passes).</summary>
    Approval,

    /// <summary>The call is refused.</summary>
    Deny,

    /// <summary>The rule is off: labels are recorded and audited, nothing is refused.</summary>
    Off,
}
