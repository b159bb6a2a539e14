namespace Mandate.Core.Tokens;

public enum RefreshTokenOutcome
{
    Redeemed,
    Invalid,
    ReuseDetected,
}

/// <summary>The result of presenting a refresh token: the grant it carries and its replacement, or why not.</summary>
public sealed record RefreshTokenRedemption(RefreshTokenOutcome Outcome, RefreshTokenRecord? Grant = null, string? NewToken = null);
