namespace Mandate.Core.Approvals;

/// <summary>What a person is asked to approve.</summary>
public enum ApprovalKind
{
    /// <summary>A client's backchannel (CIBA) request for a token on the person's behalf.</summary>
    Ciba,

    /// <summary>One tool call the gateway holds until the person decides.</summary>
    ToolCall,
}
