using Mandate.Core.Vault.Connectors;

namespace Mandate.Core.Vault.Broker;

/// <summary>
/// A usable credential for one person at one connector: the provider's access token (with its type) or the API key.
/// For the gateway to attach to an upstream request and nothing else: never to a response, a log or the agent.
/// </summary>
public sealed record BrokeredCredential(string Connector, ConnectorKind Kind, string Value, string TokenType, DateTimeOffset? ExpiresAt)
{
    /// <summary>The private JWK of the key a DPoP-bound token (TokenType DPoP) must be proved with on each request.</summary>
    public string? DpopKey { get; init; }

    /// <summary>Never the value: records print themselves into logs and exceptions too easily.</summary>
    public override string ToString() => $"BrokeredCredential {{ Connector = {Connector}, Kind = {Kind}, TokenType = {TokenType}, ExpiresAt = {ExpiresAt} }}";
}
