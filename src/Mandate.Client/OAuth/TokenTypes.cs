namespace Mandate.Client.OAuth;

/// <summary>Token type identifiers of RFC 8693 §3, for <c>subject_token_type</c>, <c>actor_token_type</c> and <c>issued_token_type</c>.</summary>
public static class TokenTypes
{
    /// <summary>An OAuth access token.</summary>
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>A refresh token.</summary>
    public const string RefreshToken = "urn:ietf:params:oauth:token-type:refresh_token";

    /// <summary>A JWT (for instance an assertion the client signed, as an actor token).</summary>
    public const string Jwt = "urn:ietf:params:oauth:token-type:jwt";

    /// <summary>An OpenID Connect ID token.</summary>
    public const string IdToken = "urn:ietf:params:oauth:token-type:id_token";
}
