namespace Mandate.Core.Tokens;

/// <summary>The claims of an access token that verified.</summary>
public sealed record AccessTokenClaims(
    string TokenId,
    string Subject,
    string ClientId,
    string Audience,
    string? Scope,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
