using System.Text.Json;
using Mandate.Client.Keys;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.Client.Dpop;

/// <summary>
/// An agent's proof-of-possession key (RFC 9449): the private key DPoP proofs are signed with, whose RFC 7638
/// thumbprint the authorization server binds tokens to (<c>cnf.jkt</c>). Generate one per agent instance, keep it in a
/// file only its owner can read (<see cref="Save"/> writes mode 0600 on Unix), and never send it anywhere: only its
/// public JWK travels, inside each proof. Thread-safe.
/// </summary>
public sealed class DpopKey : IDisposable
{
    private readonly Lock signing = new();

    private DpopKey(JwsKey key)
    {
        Key = key;
        Thumbprint = JwkThumbprint.Compute(key);
    }

    /// <summary>The algorithms <see cref="Generate"/> makes keys for: ES256 (the default), EdDSA (Ed25519) and PS256.</summary>
    public static IReadOnlyList<string> GeneratedAlgorithms { get; } = [JwsAlgorithms.ES256, JwsAlgorithms.EdDSA, JwsAlgorithms.PS256];

    /// <summary>The signing key (with its private half). Also usable for <c>private_key_jwt</c>, though a separate key is better.</summary>
    public JwsKey Key { get; }

    /// <summary>The JWS algorithm of the proofs: ES256, EdDSA, PS256 or RS256.</summary>
    public string Algorithm => Key.Algorithm;

    /// <summary>The key's <c>kid</c>: the one in the file it came from, else its thumbprint.</summary>
    public string KeyId => Key.KeyId;

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public key: the <c>jkt</c> DPoP-bound tokens carry, and <c>dpop_jkt</c>.</summary>
    public string Thumbprint { get; }

    /// <summary>Generates a new key.</summary>
    /// <param name="algorithm">ES256 (P-256, the default), EdDSA (Ed25519) or PS256 (RSA 3072).</param>
    /// <returns>The key; its <c>kid</c> is its thumbprint.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not one of <see cref="GeneratedAlgorithms"/>.</exception>
    public static DpopKey Generate(string algorithm = JwsAlgorithms.ES256)
    {
        JwsKey key = algorithm switch
        {
            JwsAlgorithms.ES256 => EcdsaJwsKey.Generate(string.Empty),
            JwsAlgorithms.EdDSA => Ed25519JwsKey.Generate(string.Empty),
            JwsAlgorithms.PS256 => RsaJwsKey.Generate(string.Empty),
            _ => throw new ArgumentException("DPoP keys are generated for ES256, EdDSA or PS256.", nameof(algorithm)),
        };
        return WithThumbprintKeyId(key);
    }

    /// <summary>Reads a private JWK (RFC 7517): EC P-256, OKP Ed25519 or RSA (2048 bits or more).</summary>
    /// <param name="json">The JWK object. Its <c>alg</c> is kept; without one, EC is ES256, OKP EdDSA and RSA PS256.</param>
    /// <returns>The key; its <c>kid</c> is the JWK's, or its thumbprint when the JWK has none.</returns>
    /// <exception cref="FormatException">Not a JSON object, no private key, or an unsupported key. The message never holds key material.</exception>
    public static DpopKey FromJwk(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The JWK is not valid JSON.", ex);
        }

        using (document)
        {
            var key = PrivateJwk.Read(document.RootElement);
            return key.KeyId.Length > 0 ? new DpopKey(key) : WithThumbprintKeyId(key);
        }
    }

    /// <summary>
    /// Reads a PEM private key: PKCS#8 <c>PRIVATE KEY</c> (EC P-256, RSA, Ed25519), SEC1 <c>EC PRIVATE KEY</c> or
    /// PKCS#1 <c>RSA PRIVATE KEY</c>, as <c>openssl genpkey</c> writes them. Encrypted PEM is not supported.
    /// </summary>
    /// <param name="pem">The PEM text; the first block is read.</param>
    /// <param name="rsaAlgorithm">For RSA keys: PS256 (the default) or RS256.</param>
    /// <returns>The key; its <c>kid</c> is its thumbprint.</returns>
    /// <exception cref="FormatException">No usable private key. The message never holds key material.</exception>
    public static DpopKey FromPem(string pem, string? rsaAlgorithm = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (rsaAlgorithm is not (null or JwsAlgorithms.PS256 or JwsAlgorithms.RS256))
        {
            throw new ArgumentException("RSA keys sign PS256 or RS256.", nameof(rsaAlgorithm));
        }

        return WithThumbprintKeyId(PrivateKeyPem.Read(pem, rsaAlgorithm));
    }

    /// <summary>Reads a key file written by <see cref="Save"/>, or any private JWK or PEM file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The file holds no usable private key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DpopKey Load(string path)
    {
        var text = File.ReadAllText(path);
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.StartsWith("{"))
        {
            return FromJwk(text);
        }

        return trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal)
            ? FromPem(text)
            : throw new FormatException("A key file holds a private JWK or a PEM private key.");
    }

    /// <summary>
    /// Loads the key in <paramref name="path"/>, or generates one and saves it there when the file does not exist:
    /// an agent keeps one key across restarts. When two processes race, both end up with the key that was saved first.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <param name="algorithm">The algorithm of a new key (see <see cref="Generate"/>).</param>
    /// <param name="format">The format of a new file.</param>
    /// <returns>The key.</returns>
    public static DpopKey LoadOrCreate(string path, string algorithm = JwsAlgorithms.ES256, DpopKeyFormat format = DpopKeyFormat.Jwk)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return Load(path);
        }

        var key = Generate(algorithm);
        if (KeyFile.Write(path, key.Export(format), overwrite: false))
        {
            return key;
        }

        key.Dispose();
        return Load(path);
    }

    /// <summary>
    /// Writes the private key to <paramref name="path"/>, replacing the file. On Unix the file is created with mode
    /// 0600 (and a missing directory with 0700) before any key byte is written; on Windows it inherits the
    /// directory's access rules, so keep it under the user's profile.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="format">JWK (default; keeps <c>alg</c>) or PKCS#8 PEM.</param>
    public void Save(string path, DpopKeyFormat format = DpopKeyFormat.Jwk)
    {
        ArgumentNullException.ThrowIfNull(path);
        KeyFile.Write(path, Export(format), overwrite: true);
    }

    /// <summary>The private JWK, with <c>kid</c> and <c>alg</c>. A secret: store it like a password.</summary>
    /// <returns>The JSON text.</returns>
    public string ExportPrivateJwk() => PrivateJwk.Write(Key, indented: true);

    /// <summary>The private key as PKCS#8 PEM. A secret: store it like a password.</summary>
    /// <returns>The PEM text.</returns>
    public string ExportPem() => PrivateKeyPem.Write(Key);

    /// <summary>The public JWK, with <c>kid</c>, <c>alg</c> and <c>use: sig</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ExportPublicJwk() => PrivateJwk.WritePublic(Key, asSet: false);

    /// <summary>A JWK Set holding the public key: what <c>mandate clients add --jwks-file</c> takes for <c>private_key_jwt</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ExportPublicJwkSet() => PrivateJwk.WritePublic(Key, asSet: true);

    /// <summary>Signs one proof; serialised because the underlying platform keys do not promise concurrent use.</summary>
    internal string CreateProof(DpopProofClaims claims)
    {
        lock (signing)
        {
            return DpopProofBuilder.Create(Key, claims);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();

    private string Export(DpopKeyFormat format) => format switch
    {
        DpopKeyFormat.Jwk => ExportPrivateJwk(),
        DpopKeyFormat.Pem => ExportPem(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static DpopKey WithThumbprintKeyId(JwsKey key) => new(PrivateJwk.WithKeyId(key, JwkThumbprint.Compute(key)));
}
