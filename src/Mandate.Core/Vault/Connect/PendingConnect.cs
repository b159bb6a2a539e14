namespace Mandate.Core.Vault.Connect;

/// <summary>A started connect flow, waiting for the provider's callback: whose it is and the PKCE verifier.</summary>
public sealed record PendingConnect(string UserId, string SessionBinding, string Connector, string CodeVerifier, string RedirectUri, DateTimeOffset ExpiresAt);
