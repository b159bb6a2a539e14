namespace Mandate.Client.Dpop;

/// <summary>How a <see cref="DpopKey"/> is written to a file.</summary>
public enum DpopKeyFormat
{
    /// <summary>A private JWK (RFC 7517) with <c>kid</c> and <c>alg</c>: keeps the algorithm (PS256 or RS256 for RSA).</summary>
    Jwk,

    /// <summary>A PKCS#8 <c>PRIVATE KEY</c> PEM block, as OpenSSL writes and reads it.</summary>
    Pem,
}
