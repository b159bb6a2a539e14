namespace Mandate.Protocol.OAuth;

/// <summary>An OAuth error response: the <c>error</c> code and optional <c>error_description</c>.</summary>
/// <param name="Error">The error code; see <see cref="OAuthErrorCodes"/>.</param>
/// <param name="Description">Human-readable detail for the client developer; must not contain secrets.</param>
public sealed record OAuthError(string Error, string? Description = null)
{
    /// <summary>Creates the <c>invalid_request</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidRequest(string? description = null) => new(OAuthErrorCodes.InvalidRequest, description);

    /// <summary>Creates the <c>invalid_client</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidClient(string? description = null) => new(OAuthErrorCodes.InvalidClient, description);

    /// <summary>Creates the <c>invalid_grant</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidGrant(string? description = null) => new(OAuthErrorCodes.InvalidGrant, description);

    /// <summary>Creates the <c>unauthorized_client</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError UnauthorizedClient(string? description = null) => new(OAuthErrorCodes.UnauthorizedClient, description);

    /// <summary>Creates the <c>unsupported_grant_type</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError UnsupportedGrantType(string? description = null) => new(OAuthErrorCodes.UnsupportedGrantType, description);

    /// <summary>Creates the <c>invalid_scope</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidScope(string? description = null) => new(OAuthErrorCodes.InvalidScope, description);

    /// <summary>Creates the <c>access_denied</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError AccessDenied(string? description = null) => new(OAuthErrorCodes.AccessDenied, description);

    /// <summary>Creates the <c>unsupported_response_type</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError UnsupportedResponseType(string? description = null) => new(OAuthErrorCodes.UnsupportedResponseType, description);

    /// <summary>Creates the <c>server_error</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError ServerError(string? description = null) => new(OAuthErrorCodes.ServerError, description);

    /// <summary>Creates the <c>temporarily_unavailable</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError TemporarilyUnavailable(string? description = null) => new(OAuthErrorCodes.TemporarilyUnavailable, description);

    /// <summary>Creates the <c>invalid_target</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidTarget(string? description = null) => new(OAuthErrorCodes.InvalidTarget, description);

    /// <summary>Creates the <c>login_required</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError LoginRequired(string? description = null) => new(OAuthErrorCodes.LoginRequired, description);

    /// <summary>Creates the <c>consent_required</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError ConsentRequired(string? description = null) => new(OAuthErrorCodes.ConsentRequired, description);

    /// <summary>Creates the <c>interaction_required</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InteractionRequired(string? description = null) => new(OAuthErrorCodes.InteractionRequired, description);

    /// <summary>Creates the <c>invalid_redirect_uri</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidRedirectUri(string? description = null) => new(OAuthErrorCodes.InvalidRedirectUri, description);

    /// <summary>Creates the <c>invalid_client_metadata</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidClientMetadata(string? description = null) => new(OAuthErrorCodes.InvalidClientMetadata, description);

    /// <summary>Creates the <c>invalid_token</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidToken(string? description = null) => new(OAuthErrorCodes.InvalidToken, description);

    /// <summary>Creates the <c>invalid_dpop_proof</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidDpopProof(string? description = null) => new(OAuthErrorCodes.InvalidDpopProof, description);

    /// <summary>Creates the <c>use_dpop_nonce</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError UseDpopNonce(string? description = null) => new(OAuthErrorCodes.UseDpopNonce, description);

    /// <summary>Creates the <c>authorization_pending</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError AuthorizationPending(string? description = null) => new(OAuthErrorCodes.AuthorizationPending, description);

    /// <summary>Creates the <c>slow_down</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError SlowDown(string? description = null) => new(OAuthErrorCodes.SlowDown, description);

    /// <summary>Creates the <c>expired_token</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError ExpiredToken(string? description = null) => new(OAuthErrorCodes.ExpiredToken, description);

    /// <summary>Creates the <c>unsupported_token_type</c> error.</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError UnsupportedTokenType(string? description = null) => new(OAuthErrorCodes.UnsupportedTokenType, description);

    /// <summary>Creates the <c>invalid_authorization_details</c> error (RFC 9396 §5).</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidAuthorizationDetails(string? description = null) => new(OAuthErrorCodes.InvalidAuthorizationDetails, description);

    /// <summary>Creates the <c>invalid_request_uri</c> error (RFC 9101 §7, RFC 9126).</summary>
    /// <param name="description">Optional human-readable detail.</param>
    /// <returns>The error.</returns>
    public static OAuthError InvalidRequestUri(string? description = null) => new(OAuthErrorCodes.InvalidRequestUri, description);
}
