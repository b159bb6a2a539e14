namespace Mandate.Core.Clients;

public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>OpenID Connect CIBA Core 1.0 section 10.1.</summary>
    public const string Ciba = "urn:openid:params:grant-type:ciba";

    public static readonly IReadOnlyList<string> All = [AuthorizationCode, RefreshToken, ClientCredentials, TokenExchange, Ciba];
}
