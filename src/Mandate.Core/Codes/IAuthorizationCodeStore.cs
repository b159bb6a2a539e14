namespace Mandate.Core.Codes;

/// <summary>Short-lived, single-use authorization codes. The default keeps them in process memory.</summary>
public interface IAuthorizationCodeStore
{
    /// <summary>Stores a new grant and returns the code that stands for it.</summary>
    Task<string> CreateAsync(AuthorizationCodeGrant grant, CancellationToken cancellationToken);

    /// <summary>Redeems a code exactly once; concurrent redemptions see exactly one success.</summary>
    Task<CodeRedemption> RedeemAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers what a redeemed code issued, for revocation on replay. True when a replay already arrived while the
    /// tokens were being issued: the caller must revoke them itself.
    /// </summary>
    Task<bool> RecordIssuedAsync(string code, IssuedFromCode issued, CancellationToken cancellationToken);
}
