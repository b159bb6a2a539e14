namespace Mandate.Core.Codes;

public enum CodeRedemptionOutcome
{
    Redeemed,
    NotFound,

    /// <summary>The code was redeemed before: RFC 6749 section 4.1.2 asks to revoke what it issued.</summary>
    Replayed,
}

/// <summary>
/// The result of redeeming a code. On <see cref="CodeRedemptionOutcome.Replayed"/>, <see cref="IssuedTokens"/> says
/// what the first redemption issued so it can be revoked.
/// </summary>
public sealed record CodeRedemption(CodeRedemptionOutcome Outcome, AuthorizationCodeGrant? Grant = null, IssuedFromCode? IssuedTokens = null);
