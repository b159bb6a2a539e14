namespace Mandate.Core.Gateway.Sessions;

/// <summary>
/// A client's MCP session through the gateway: the random id the client sees, the upstream's own session id (never
/// shown to the client), and who may use it (the token's subject and client).
/// </summary>
public sealed record GatewaySession
{
    public required string Id { get; init; }

    public required string Upstream { get; init; }

    public required string UpstreamSessionId { get; init; }

    public required string Subject { get; init; }

    public required string ClientId { get; init; }

    public DateTimeOffset LastUsedAt { get; init; }

    /// <summary>Only the caller that started the session, at the same upstream, may use it.</summary>
    public bool BelongsTo(string upstream, string subject, string clientId) =>
        string.Equals(Upstream, upstream, StringComparison.Ordinal)
        && string.Equals(Subject, subject, StringComparison.Ordinal)
        && string.Equals(ClientId, clientId, StringComparison.Ordinal);
}
