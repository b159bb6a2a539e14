namespace Mandate.Core.Codes;

/// <summary>The tokens one authorization code produced, remembered so a replay can revoke them.</summary>
public sealed record IssuedFromCode(string AccessTokenId, DateTimeOffset AccessTokenExpiresAt, string? RefreshFamilyId);
