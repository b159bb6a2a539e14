namespace Mandate.Protocol.OAuth;

/// <summary>OAuth 2.x error codes (the <c>error</c> parameter), from RFC 6749 and its extensions.</summary>
public static class OAuthErrorCodes
{
    /// <summary><c>invalid_request</c>: The request is missing a parameter, has an invalid value, or is otherwise malformed (RFC 6749 §5.2).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary><c>invalid_client</c>: Client authentication failed (RFC 6749 §5.2).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary><c>invalid_grant</c>: The authorization grant or refresh token is invalid, expired, revoked or mismatched (RFC 6749 §5.2).</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary><c>unauthorized_client</c>: The client is not authorized to use this grant or response type (RFC 6749 §5.2).</summary>
    public const string UnauthorizedClient = "unauthorized_client";

    /// <summary><c>unsupported_grant_type</c>: The grant type is not supported (RFC 6749 §5.2).</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary><c>invalid_scope</c>: The requested scope is invalid, unknown or malformed (RFC 6749 §5.2).</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary><c>access_denied</c>: The resource owner or authorization server denied the request (RFC 6749 §4.1.2.1).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary><c>unsupported_response_type</c>: The response type is not supported (RFC 6749 §4.1.2.1).</summary>
    public const string UnsupportedResponseType = "unsupported_response_type";

    /// <summary><c>server_error</c>: The server met an unexpected condition (RFC 6749 §4.1.2.1).</summary>
    public const string ServerError = "server_error";

    /// <summary><c>temporarily_unavailable</c>: The server is temporarily unable to handle the request (RFC 6749 §4.1.2.1).</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary><c>invalid_target</c>: The requested resource is invalid, unknown or malformed (RFC 8707 §2).</summary>
    public const string InvalidTarget = "invalid_target";

    /// <summary><c>login_required</c>: The end user must authenticate (OpenID Connect Core §3.1.2.6).</summary>
    public const string LoginRequired = "login_required";

    /// <summary><c>consent_required</c>: The end user must consent (OpenID Connect Core §3.1.2.6).</summary>
    public const string ConsentRequired = "consent_required";

    /// <summary><c>interaction_required</c>: User interaction is required (OpenID Connect Core §3.1.2.6).</summary>
    public const string InteractionRequired = "interaction_required";

    /// <summary><c>invalid_redirect_uri</c>: A registered redirect URI is invalid (RFC 7591 §3.2.2).</summary>
    public const string InvalidRedirectUri = "invalid_redirect_uri";

    /// <summary><c>invalid_client_metadata</c>: A client metadata field is invalid (RFC 7591 §3.2.2).</summary>
    public const string InvalidClientMetadata = "invalid_client_metadata";

    /// <summary><c>invalid_token</c>: The access token is expired, revoked, malformed or invalid (RFC 6750 §3.1).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary><c>invalid_dpop_proof</c>: The DPoP proof is invalid (RFC 9449 §5).</summary>
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary><c>use_dpop_nonce</c>: The server requires a DPoP nonce (RFC 9449 §8).</summary>
    public const string UseDpopNonce = "use_dpop_nonce";

    /// <summary><c>authorization_pending</c>: The device authorization is still pending (RFC 8628 §3.5).</summary>
    public const string AuthorizationPending = "authorization_pending";

    /// <summary><c>slow_down</c>: The client is polling too fast (RFC 8628 §3.5).</summary>
    public const string SlowDown = "slow_down";

    /// <summary><c>expired_token</c>: The device code has expired (RFC 8628 §3.5).</summary>
    public const string ExpiredToken = "expired_token";

    /// <summary><c>unsupported_token_type</c>: The token type is not supported for revocation (RFC 7009 §2.2.1).</summary>
    public const string UnsupportedTokenType = "unsupported_token_type";

    /// <summary><c>invalid_authorization_details</c>: The authorization_details are malformed, of an unknown type, or not allowed (RFC 9396 §5).</summary>
    public const string InvalidAuthorizationDetails = "invalid_authorization_details";

    /// <summary><c>invalid_request_uri</c>: The request_uri is unknown, expired, used, or not the client's (RFC 9101 §7, RFC 9126).</summary>
    public const string InvalidRequestUri = "invalid_request_uri";
}
