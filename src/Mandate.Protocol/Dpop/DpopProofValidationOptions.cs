using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Dpop;

/// <summary>Local policy for checking DPoP proofs: which algorithms, how fresh, how large.</summary>
public sealed record DpopProofValidationOptions
{
    /// <summary>The algorithms accepted by default: ES256, EdDSA and Ed25519 (Ed25519 keys), PS256, RS256.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms =
        [JwsAlgorithms.ES256, JwsAlgorithms.EdDSA, JwsAlgorithms.Ed25519, JwsAlgorithms.PS256, JwsAlgorithms.RS256];

    /// <summary>
    /// The JWS algorithms accepted in <c>alg</c>. Only values from <see cref="DefaultAlgorithms"/> can ever verify:
    /// <c>none</c> and MAC algorithms are refused whatever this says.
    /// </summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = DefaultAlgorithms;

    /// <summary>How old (by <c>iat</c>) a proof may be when it arrives.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How far in the future <c>iat</c> may be (the client's clock running ahead).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest proof read at all, in characters.</summary>
    public int MaxProofLength { get; init; } = 8 * 1024;

    /// <summary>The longest <c>jti</c> accepted, so a replay cache keyed by it stays small (RFC 9449 §11.1).</summary>
    public int MaxJwtIdLength { get; init; } = 128;
}
