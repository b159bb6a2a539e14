namespace Mandate.Client.OAuth;

/// <summary>The <c>grant_type</c> values this library sends.</summary>
public static class GrantTypes
{
    /// <summary>RFC 6749 §4.4.</summary>
    public const string ClientCredentials = "client_credentials";

    /// <summary>RFC 8693 §2.1.</summary>
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>OpenID Connect CIBA Core 1.0 section 10.1.</summary>
    public const string Ciba = "urn:openid:params:grant-type:ciba";
}
