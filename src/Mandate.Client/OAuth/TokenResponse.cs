using Mandate.Protocol.Dpop;

namespace Mandate.Client.OAuth;

/// <summary>
/// A successful token response (RFC 6749 §5.1, RFC 8693 §2.2.1). <see cref="ToString"/> leaves the tokens out, so
/// logging a response does not leak them.
/// </summary>
public sealed record TokenResponse
{
    /// <summary>The access token. A secret.</summary>
    public required string AccessToken { get; init; }

    /// <summary><c>token_type</c>: <c>Bearer</c>, or <c>DPoP</c> for a token bound to the client's DPoP key.</summary>
    public required string TokenType { get; init; }

    /// <summary><c>issued_token_type</c> of a token exchange (usually <see cref="TokenTypes.AccessToken"/>), or null.</summary>
    public string? IssuedTokenType { get; init; }

    /// <summary><c>expires_in</c>: the token's lifetime in seconds when issued, or null when the server did not say.</summary>
    public int? ExpiresIn { get; init; }

    /// <summary>When the token expires by the client's clock (received time plus <see cref="ExpiresIn"/>), or null.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>scope</c>: the scopes granted, space-separated, or null when the server did not say (then: the ones asked for).</summary>
    public string? Scope { get; init; }

    /// <summary>The refresh token, or null. A secret. Token exchange issues none.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Whether the token is DPoP-bound (<c>token_type: DPoP</c>) and must be sent with proofs.</summary>
    public bool IsDpopBound => string.Equals(TokenType, DpopConstants.TokenType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTTP authentication scheme to present the token with: <c>DPoP</c> or <c>Bearer</c>.</summary>
    public string AuthorizationScheme => IsDpopBound ? DpopConstants.Scheme : "Bearer";

    /// <summary>The granted scopes, split.</summary>
    public IReadOnlyList<string> Scopes => Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Describes the response without its tokens.</summary>
    /// <returns>Token type, scope and expiry.</returns>
    public override string ToString() =>
        $"TokenResponse {{ TokenType = {TokenType}, Scope = {Scope}, ExpiresAt = {ExpiresAt:O}, IssuedTokenType = {IssuedTokenType} }}";
}
