namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// The CIBA side of an approval request: how the client is told, and how often it may ask. The auth_req_id itself is
/// stored only as its SHA-256 hash, like refresh tokens.
/// </summary>
public sealed record CibaRequest
{
    /// <summary>The approval request this belongs to (one to one).</summary>
    public required string ApprovalId { get; init; }

    public required string AuthReqIdHash { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The protected resource the token will be for (its audience).</summary>
    public required string Resource { get; init; }

    public required CibaDeliveryMode DeliveryMode { get; init; }

    /// <summary>The client_notification_token for ping mode, encrypted with the server's data-protection keys; sent back as a bearer token.</summary>
    public string? ProtectedNotificationToken { get; init; }

    /// <summary>For ping mode only: the auth_req_id itself, encrypted, since the ping callback carries it.</summary>
    public string? ProtectedAuthReqId { get; init; }

    /// <summary>The minimum seconds between two token requests; raised by 5 at each slow_down.</summary>
    public required int IntervalSeconds { get; init; }

    /// <summary>The earliest time the next token request is welcome; null before the first.</summary>
    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>When the ping callback was delivered (or given up), null until then.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }
}
