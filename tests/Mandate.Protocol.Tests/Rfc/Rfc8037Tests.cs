using System.Buffers.Text;
using System.Text;
using Mandate.Protocol.Jose;
using Mandate.Protocol.Tests.Support;

namespace Mandate.Protocol.Tests.Rfc;

/// <summary>RFC 8037 Appendix A: Ed25519 keys, thumbprint and signature.</summary>
public class Rfc8037Tests
{
    [Fact]
    public void A3_PublicKeyThumbprint_IsThePublishedOne()
    {
        var vector = JoseVectors.Rfc8037;

        Assert.True(JwkThumbprint.TryCompute(vector.GetProperty("A.2_public_key_jwk"), out var thumbprint));
        Assert.Equal(vector.GetProperty("A.3_thumbprint").Text("thumbprint_sha256_b64url"), thumbprint);
    }

    [Fact]
    public void A3_PrivateKeyJwk_HasTheSameThumbprintAsItsPublicHalf()
    {
        var vector = JoseVectors.Rfc8037;
        using var key = JwkReader.Read(vector.GetProperty("A.1_private_key_jwk"))!;

        Assert.Equal(vector.GetProperty("A.3_thumbprint").Text("thumbprint_sha256_b64url"), JwkThumbprint.Compute(key));
    }

    [Fact]
    public void A4_SigningWithTheA1Key_ReproducesThePublishedSignature()
    {
        var vector = JoseVectors.Rfc8037;
        var jws = vector.GetProperty("A.4_jws");
        using var key = JwkReader.Read(vector.GetProperty("A.1_private_key_jwk"))!;

        var signature = key.Sign(Encoding.ASCII.GetBytes(jws.Text("signing_input")));

        Assert.Equal(jws.Text("signature_b64url"), Base64Url.EncodeToString(signature));
    }

    [Fact]
    public void A5_PublishedSignature_VerifiesWithTheA2PublicKey()
    {
        var jws = JoseVectors.Rfc8037.GetProperty("A.4_jws");
        using var key = JwkReader.Read(JoseVectors.Rfc8037.GetProperty("A.2_public_key_jwk"))!;
        var input = Encoding.ASCII.GetBytes(jws.Text("signing_input"));
        var signature = Base64Url.DecodeFromChars(jws.Text("signature_b64url"));

        Assert.True(key.Verify(input, signature));
        signature[0] ^= 1;
        Assert.False(key.Verify(input, signature));
    }
}
