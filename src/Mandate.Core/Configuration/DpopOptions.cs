namespace Mandate.Core.Configuration;

/// <summary>DPoP (RFC 9449) at the token endpoint and the gateway (docs/configuration.md, docs/oauth.md).</summary>
public sealed class DpopOptions
{
    /// <summary>Whether every DPoP proof must carry a nonce Mandate issued (RFC 9449 §8, §9). Off by default.</summary>
    public bool RequireNonce { get; set; }

    /// <summary>How old (by its iat) a proof may be when it arrives. Its jti is remembered this long, plus <see cref="ClockSkew"/>.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far in the future a proof's iat may be (a client clock running ahead).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one nonce is handed out; a nonce is accepted for up to twice this long (current and previous period).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The JWS algorithms accepted for proofs; empty means all Mandate supports (ES256, EdDSA, Ed25519, PS256, RS256).
    /// </summary>
    public List<string> AllowedAlgorithms { get; set; } = [];
}
