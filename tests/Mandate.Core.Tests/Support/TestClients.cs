using Mandate.Core.Clients;

namespace Mandate.Core.Tests.Support;

/// <summary>Ready-made clients; tests adjust them with <c>with</c>.</summary>
public static class TestClients
{
    public const string Redirect = "https://app.example.com/callback";
    public const string LoopbackRedirect = "http://127.0.0.1:8400/callback";
    public const string Secret = "the-client-secret-with-plenty-of-entropy-0123456789";

    public static OAuthClient Public(string clientId = "public-app") => new()
    {
        ClientId = clientId,
        Name = "Public app",
        TokenEndpointAuthMethod = TokenEndpointAuthMethods.None,
        RedirectUris = [Redirect],
        GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
    };

    public static OAuthClient Confidential(string clientId = "secret-app", string method = TokenEndpointAuthMethods.ClientSecretBasic) => new()
    {
        ClientId = clientId,
        Name = "Confidential app",
        TokenEndpointAuthMethod = method,
        SecretHash = ClientSecrets.Hash(Secret),
        RedirectUris = [Redirect],
        GrantTypes = [.. GrantTypes.All],
    };
}
