using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Client.Keys;

/// <summary>
/// PEM private keys: PKCS#8 (<c>PRIVATE KEY</c>, EC P-256, RSA or Ed25519 per RFC 8410) written and read, SEC1
/// (<c>EC PRIVATE KEY</c>) and PKCS#1 (<c>RSA PRIVATE KEY</c>) read, as OpenSSL writes them.
/// </summary>
internal static class PrivateKeyPem
{
    private const string EcOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string Ed25519Oid = "1.3.101.112";

    // RFC 8410 §7: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }.
    private static readonly byte[] Ed25519Pkcs8Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    /// <summary>Writes the key as PKCS#8 PEM.</summary>
    public static string Write(JwsKey key)
    {
        using var jwk = JsonDocument.Parse(PrivateJwk.Write(key));
        var root = jwk.RootElement;
        switch (root.GetProperty("kty").GetString())
        {
            case "EC":
                using (var ec = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = Decode(root, "x"), Y = Decode(root, "y") },
                    D = Decode(root, "d"),
                }))
                {
                    return ec.ExportPkcs8PrivateKeyPem();
                }

            case "RSA":
                using (var rsa = RSA.Create(new RSAParameters
                {
                    Modulus = Decode(root, "n"),
                    Exponent = Decode(root, "e"),
                    D = Decode(root, "d"),
                    P = Decode(root, "p"),
                    Q = Decode(root, "q"),
                    DP = Decode(root, "dp"),
                    DQ = Decode(root, "dq"),
                    InverseQ = Decode(root, "qi"),
                }))
                {
                    return rsa.ExportPkcs8PrivateKeyPem();
                }

            case "OKP":
                var seed = Decode(root, "d");
                var der = new byte[Ed25519Pkcs8Prefix.Length + seed.Length];
                Ed25519Pkcs8Prefix.CopyTo(der, 0);
                seed.CopyTo(der, Ed25519Pkcs8Prefix.Length);
                CryptographicOperations.ZeroMemory(seed);
                var pem = new string(PemEncoding.Write("PRIVATE KEY", der));
                CryptographicOperations.ZeroMemory(der);
                return pem;

            default:
                throw new NotSupportedException("This key type cannot be written as PEM.");
        }
    }

    /// <summary>Reads the first private key in <paramref name="pem"/>. The key's kid is empty.</summary>
    /// <param name="pem">PEM text.</param>
    /// <param name="rsaAlgorithm">PS256 (default) or RS256, for RSA keys.</param>
    /// <exception cref="FormatException">No private key, an encrypted one, or a key type Mandate cannot sign with.</exception>
    public static JwsKey Read(string pem, string? rsaAlgorithm)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new FormatException("No PEM block found.");
        }

        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            return label switch
            {
                "PRIVATE KEY" => ReadPkcs8(der, rsaAlgorithm),
                "EC PRIVATE KEY" => ReadEc(ec => ec.ImportECPrivateKey(der, out _)),
                "RSA PRIVATE KEY" => ReadRsa(rsa => rsa.ImportRSAPrivateKey(der, out _), rsaAlgorithm),
                "ENCRYPTED PRIVATE KEY" => throw new FormatException("Encrypted PEM keys are not supported: protect the file with its permissions instead."),
                _ => throw new FormatException($"A PEM '{label}' block is not a private key."),
            };
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException)
        {
            throw new FormatException("The PEM private key cannot be read.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static JwsKey ReadPkcs8(byte[] der, string? rsaAlgorithm)
    {
        var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        _ = info.ReadInteger();
        var algorithm = info.ReadSequence().ReadObjectIdentifier();
        switch (algorithm)
        {
            case EcOid:
                return ReadEc(ec => ec.ImportPkcs8PrivateKey(der, out _));
            case RsaOid:
                return ReadRsa(rsa => rsa.ImportPkcs8PrivateKey(der, out _), rsaAlgorithm);
            case Ed25519Oid:
                var seed = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
                try
                {
                    return seed.Length == 32 ? Ed25519JwsKey.FromPrivateSeed(string.Empty, seed) : throw new FormatException("An Ed25519 private key is 32 bytes.");
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(seed);
                }

            default:
                throw new FormatException("Unsupported key algorithm: use EC P-256, Ed25519 or RSA.");
        }
    }

    private static EcdsaJwsKey ReadEc(Action<ECDsa> import)
    {
        var ec = ECDsa.Create();
        try
        {
            import(ec);
            var curve = ec.ExportParameters(false).Curve;
            if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1"))
            {
                throw new FormatException("EC keys must be on P-256 (ES256).");
            }

            return new EcdsaJwsKey(string.Empty, ec, hasPrivate: true);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    private static RsaJwsKey ReadRsa(Action<RSA> import, string? algorithm)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
            if (rsa.KeySize < 2048)
            {
                throw new FormatException("RSA keys under 2048 bits are refused.");
            }

            return new RsaJwsKey(string.Empty, rsa, hasPrivate: true, algorithm ?? JwsAlgorithms.PS256);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static byte[] Decode(JsonElement jwk, string name) => Base64Url.DecodeFromChars(jwk.GetProperty(name).GetString());
}
