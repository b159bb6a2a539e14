namespace Mandate.Core.Vault.Connect;

/// <summary>
/// A started connect flow, waiting for the provider's callback: whose it is, the PKCE verifier, and for a DPoP
/// connector the private JWK of the key the code is bound to (<c>dpop_jkt</c>), which the tokens will be bound to too.
/// </summary>
public sealed record PendingConnect(string UserId, string SessionBinding, string Connector, string CodeVerifier, string RedirectUri, DateTimeOffset ExpiresAt)
{
    public string? DpopKey { get; init; }

    /// <summary>Never the verifier or the key.</summary>
    public override string ToString() => $"PendingConnect {{ UserId = {UserId}, Connector = {Connector}, ExpiresAt = {ExpiresAt} }}";
}
