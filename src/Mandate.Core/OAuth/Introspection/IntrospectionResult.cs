namespace Mandate.Core.OAuth.Introspection;

/// <summary>RFC 7662 section 2.2 response members. Inactive tokens say nothing but active:false.</summary>
public sealed record IntrospectionResult
{
    public static readonly IntrospectionResult Inactive = new() { Active = false };

    public bool Active { get; init; }

    public string? Scope { get; init; }

    public string? ClientId { get; init; }

    public string? Subject { get; init; }

    public string? Audience { get; init; }

    public string? Issuer { get; init; }

    public string? TokenId { get; init; }

    public string? TokenType { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>RFC 8693 act chain of an exchanged access token.</summary>
    public Tokens.Actor? Actor { get; init; }

    /// <summary>RFC 8693 may_act of an access token.</summary>
    public Tokens.MayAct? MayAct { get; init; }

    /// <summary>cnf.jkt of a DPoP-bound access token (RFC 9449 section 6.2).</summary>
    public string? DpopJkt { get; init; }

    /// <summary>The token's authorization_details (RFC 9396 §9.2).</summary>
    public Mandates.TaskMandate? Mandate { get; init; }
}
