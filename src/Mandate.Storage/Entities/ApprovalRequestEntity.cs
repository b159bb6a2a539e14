using Mandate.Core.Approvals;

namespace Mandate.Storage.Entities;

public sealed class ApprovalRequestEntity
{
    public string Id { get; set; } = "";

    public ApprovalKind Kind { get; set; }

    public string Subject { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ActChain { get; set; }

    public string? BindingMessage { get; set; }

    public string? Scope { get; set; }

    public string? AuthorizationDetails { get; set; }

    public string? Upstream { get; set; }

    public string? Tool { get; set; }

    public string? ArgumentsDigest { get; set; }

    public string? ArgumentsPreview { get; set; }

    public string? Reason { get; set; }

    public ApprovalStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}
