namespace Mandate.Core.Configuration;

/// <summary>Approval requests and how people are told about them (docs/approvals.md).</summary>
public sealed class ApprovalsOptions
{
    /// <summary>Where the webhook notifier posts each new request; none when empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC-SHA256 key the webhook payload is signed with: at least 32 characters. Required with WebhookUrl.</summary>
    public string? WebhookSecret { get; set; }
}
