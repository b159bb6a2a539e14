namespace Mandate.Protocol.Dpop;

/// <summary>What a DPoP proof says about its request (RFC 9449 §4.2).</summary>
/// <param name="Method">The request's HTTP method (<c>htm</c>).</param>
/// <param name="Uri">The request's URI; query and fragment are dropped to make <c>htu</c>.</param>
/// <param name="IssuedAt">The creation time (<c>iat</c>, whole seconds).</param>
/// <param name="JwtId">The unique identifier (<c>jti</c>).</param>
public sealed record DpopProofClaims(string Method, string Uri, DateTimeOffset IssuedAt, string JwtId)
{
    /// <summary>The access token sent with the request; its hash becomes <c>ath</c>. Null for token requests.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The server-provided nonce (<c>nonce</c>), or null.</summary>
    public string? Nonce { get; init; }
}
