namespace Mandate.Core.Approvals;

/// <summary>
/// One question to one person: may this client (or this agent chain) do this? Durable, so a decision made in another
/// process (the CLI) is seen by the server.
/// </summary>
public sealed record ApprovalRequest
{
    /// <summary>Opaque, 256-bit random, base64url (<see cref="ApprovalIds.Create"/>). Not a credential: CIBA's auth_req_id is a separate secret.</summary>
    public required string Id { get; init; }

    public required ApprovalKind Kind { get; init; }

    /// <summary>The person's user id: the only one who may decide.</summary>
    public required string Subject { get; init; }

    /// <summary>The client that asked (for a tool call, the client holding the token).</summary>
    public required string ClientId { get; init; }

    /// <summary>The token's RFC 8693 act chain as compact JSON, for a tool call made by a delegated token; otherwise null.</summary>
    public string? ActChain { get; init; }

    /// <summary>Text the client shows on its own device too, so the person can tell the requests apart (CIBA binding_message).</summary>
    public string? BindingMessage { get; init; }

    /// <summary>Space-separated scopes asked for, or null.</summary>
    public string? Scope { get; init; }

    /// <summary>The mandate as RFC 9396 authorization_details JSON (canonical form), or null.</summary>
    public string? AuthorizationDetails { get; init; }

    /// <summary>For a tool call: the upstream's name.</summary>
    public string? Upstream { get; init; }

    /// <summary>For a tool call: the tool's name.</summary>
    public string? Tool { get; init; }

    /// <summary>For a tool call: SHA-256 (base64url) of the canonical arguments JSON; the approval is bound to it.</summary>
    public string? ArgumentsDigest { get; init; }

    /// <summary>For a tool call: the arguments for display, secrets redacted and long values cut.</summary>
    public string? ArgumentsPreview { get; init; }

    /// <summary>For a tool call: why the gateway asks (an approval-gated tool, a destructive tool, egress after private data).</summary>
    public string? Reason { get; init; }

    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Who decided: "console:{username}", "cli", ...</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? ConsumedAt { get; init; }

    public bool IsPendingAt(DateTimeOffset now) => Status == ApprovalStatus.Pending && ExpiresAt > now;
}
