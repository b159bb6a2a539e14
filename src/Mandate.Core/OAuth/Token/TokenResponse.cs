namespace Mandate.Core.OAuth.Token;

/// <summary>A successful token response (RFC 6749 section 5.1; issued_token_type only for RFC 8693 token exchange).</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string? RefreshToken, string? Scope, string TokenType = "Bearer", string? IssuedTokenType = null)
{
    /// <summary>The granted mandate, returned as authorization_details (RFC 9396 §7).</summary>
    public Mandates.TaskMandate? Mandate { get; init; }

    /// <summary>The access token's jti, for the audit event (not sent).</summary>
    public string? TokenId { get; init; }

    /// <summary>The access token's sub, for the audit event (not sent).</summary>
    public string? Subject { get; init; }

    /// <summary>The access token's audience, for the audit event (not sent).</summary>
    public string? Resource { get; init; }

    /// <summary>token_type for an access token bound to this DPoP key: DPoP (RFC 9449 section 5), or Bearer when unbound.</summary>
    public static string TypeFor(string? dpopJkt) => dpopJkt is null ? "Bearer" : Protocol.Dpop.DpopConstants.TokenType;
}
