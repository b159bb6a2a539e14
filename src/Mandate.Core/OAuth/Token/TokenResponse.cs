namespace Mandate.Core.OAuth.Token;

/// <summary>A successful token response (RFC 6749 section 5.1).</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string? RefreshToken, string? Scope, string TokenType = "Bearer", string IssuedTokenType = "urn:ietf:params:oauth:token-type:access_token");
