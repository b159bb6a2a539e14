namespace Mandate.Client.Mcp;

/// <summary>A held tool call that was not made: the person denied it, or nobody decided before it expired.</summary>
public sealed class ToolCallNotApprovedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolCallNotApprovedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ToolCallNotApprovedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ToolCallNotApprovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an approval request.</summary>
    /// <param name="tool">The tool that was called.</param>
    /// <param name="approvalId">The approval request's id.</param>
    /// <param name="status">"denied" or "expired", as the gateway said.</param>
    /// <param name="message">The gateway's words (the tool error's text).</param>
    public ToolCallNotApprovedException(string tool, string approvalId, string status, string message)
        : base(message)
    {
        Tool = tool;
        ApprovalId = approvalId;
        Status = status;
    }

    /// <summary>The tool that was called.</summary>
    public string Tool { get; } = string.Empty;

    /// <summary>The approval request's id.</summary>
    public string ApprovalId { get; } = string.Empty;

    /// <summary>"denied" (the person said no) or "expired" (nobody decided in time).</summary>
    public string Status { get; } = string.Empty;

    /// <summary>Whether the person denied the call (rather than nobody deciding in time).</summary>
    public bool Denied => Status == "denied";
}
