namespace Mandate.Core.Tokens;

public sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt, int ExpiresIn);
