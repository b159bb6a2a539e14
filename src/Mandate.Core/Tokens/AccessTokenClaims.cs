namespace Mandate.Core.Tokens;

/// <summary>The claims of an access token that verified.</summary>
public sealed record AccessTokenClaims(
    string TokenId,
    string Subject,
    string ClientId,
    string Audience,
    string? Scope,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The RFC 8693 act chain, for a token obtained by token exchange.</summary>
    public Actor? Actor { get; init; }

    /// <summary>RFC 8693 may_act, when policy set one.</summary>
    public MayAct? MayAct { get; init; }

    /// <summary>cnf.jkt: the thumbprint of the DPoP key the token is bound to (RFC 9449 §6.1); null for a Bearer token.</summary>
    public string? DpopJkt { get; init; }

    /// <summary>Whether the token may only be used with a DPoP proof of its key.</summary>
    public bool IsDpopBound => DpopJkt is not null;

    /// <summary>The authorization_details claim: the mandate the token carries (RFC 9396 §9.1), or null.</summary>
    public Mandates.TaskMandate? Mandate { get; init; }

    /// <summary>The mandate_grants claim: which grant the mandate belongs to, and the grants it was narrowed from.</summary>
    public Mandates.MandateGrantChain? MandateGrants { get; init; }
}
