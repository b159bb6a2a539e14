using System.Text.Json;
using Mandate.Protocol.Jose;
using Mandate.Protocol.Tests.Support;

namespace Mandate.Protocol.Tests.Rfc;

/// <summary>RFC 7638: JSON Web Key (JWK) Thumbprint.</summary>
public class Rfc7638Tests
{
    [Fact]
    public void Section3_1_RsaExample_GivesThePublishedThumbprint()
    {
        var vector = JoseVectors.Rfc7638;

        Assert.True(JwkThumbprint.TryCompute(vector.GetProperty("jwk"), out var thumbprint));

        Assert.Equal(vector.Text("thumbprint_sha256_b64url"), thumbprint);
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", thumbprint);
    }

    [Fact]
    public void Section3_1_CanonicalJson_HasOnlyTheRequiredMembersInOrder()
    {
        var vector = JoseVectors.Rfc7638;

        Assert.Equal(vector.Text("canonical_json"), JwkThumbprint.TryGetCanonicalJson(vector.GetProperty("jwk")));
    }

    [Fact]
    public void Section3_1_KeyFromReader_GivesTheSameThumbprint()
    {
        using var key = JwkReader.Read(JoseVectors.Rfc7638.GetProperty("jwk"))!;

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.Compute(key));
    }

    [Fact]
    public void Section3_3_MembersOrderAndExtraMembers_DoNotChangeTheThumbprint()
    {
        var vector = JoseVectors.Rfc7638.GetProperty("jwk");
        var reordered = $$"""{"n":"{{vector.Text("n")}}","kid":"other","use":"sig","e":"AQAB","kty":"RSA"}""";
        using var document = JsonDocument.Parse(reordered);

        Assert.True(JwkThumbprint.TryCompute(document.RootElement, out var thumbprint));
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", thumbprint);
    }

    [Fact]
    public void Rfc7515A3EcKey_GivesTheCollectorsThumbprint()
    {
        var vector = JoseVectors.Rfc7515A3;

        Assert.True(JwkThumbprint.TryCompute(vector.GetProperty("jwk"), out var thumbprint));
        Assert.Equal(vector.Text("jwk_thumbprint_sha256_b64url_computed"), thumbprint);
    }

    [Theory]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public void EcCurvesBeyondP256_AreSupported(string curve, int size)
    {
        var coordinate = System.Buffers.Text.Base64Url.EncodeToString(new byte[size]);
        using var document = JsonDocument.Parse($$"""{"kty":"EC","crv":"{{curve}}","x":"{{coordinate}}","y":"{{coordinate}}"}""");

        Assert.True(JwkThumbprint.TryCompute(document.RootElement, out var thumbprint));
        Assert.Equal(JwkThumbprint.Length, thumbprint.Length);
    }

    [Theory]
    [InlineData("""{"kty":"oct","k":"AAAA"}""")]
    [InlineData("""{"kty":"RSA","e":"AQAB"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""")]
    [InlineData("""{"kty":"EC","crv":"secp256k1","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"a\"b"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":12}""")]
    [InlineData("""["kty"]""")]
    public void UnsupportedOrMalformedKeys_HaveNoThumbprint(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(JwkThumbprint.TryCompute(document.RootElement, out var thumbprint));
        Assert.Empty(thumbprint);
    }

    [Theory]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", true)]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9X", false)]
    [InlineData("NzbLsXh8uDCcd+6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", false)]
    [InlineData("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs=", false)]
    [InlineData(null, false)]
    public void IsWellFormed_ChecksLengthAndAlphabet(string? value, bool expected) =>
        Assert.Equal(expected, JwkThumbprint.IsWellFormed(value));
}
