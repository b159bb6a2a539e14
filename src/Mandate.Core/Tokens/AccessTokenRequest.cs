namespace Mandate.Core.Tokens;

/// <summary>What an access token says: who, for which client, for which resource, with which scopes.</summary>
public sealed record AccessTokenRequest
{
    /// <summary>The user's id, or the client id for client_credentials.</summary>
    public required string Subject { get; init; }

    public required string ClientId { get; init; }

    public required string Resource { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public DateTimeOffset? AuthTime { get; init; }

    /// <summary>The RFC 8693 act chain of an exchanged token: who acts now, and who acted before.</summary>
    public Actor? Actor { get; init; }

    /// <summary>RFC 8693 may_act: who this token's holder may hand it to.</summary>
    public MayAct? MayAct { get; init; }

    /// <summary>The token expires no later than this (an exchanged token never outlives its subject token).</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The RFC 7638 thumbprint of the DPoP key the token is bound to (cnf.jkt, RFC 9449 §6.1); null for a Bearer token.</summary>
    public string? DpopJkt { get; init; }

    /// <summary>The granted mandate, written as the authorization_details claim (RFC 9396 §9.1).</summary>
    public Mandates.TaskMandate? Mandate { get; init; }

    /// <summary>The grant the mandate belongs to (and its ancestors), written as the mandate_grants claim.</summary>
    public Mandates.MandateGrantChain? MandateGrants { get; init; }
}
