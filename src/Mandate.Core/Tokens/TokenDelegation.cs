namespace Mandate.Core.Tokens;

/// <summary>An access token obtained by exchanging another: revoking the parent revokes it (and its own children).</summary>
public sealed record TokenDelegation(string TokenId, string ParentTokenId, DateTimeOffset ExpiresAt);
