namespace Mandate.Core.OAuth.Token;

/// <summary>A successful token response (RFC 6749 section 5.1; issued_token_type only for RFC 8693 token exchange).</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string? RefreshToken, string? Scope, string TokenType = "Bearer", string? IssuedTokenType = null);
