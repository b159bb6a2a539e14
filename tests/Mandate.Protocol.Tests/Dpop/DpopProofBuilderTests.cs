using System.Security.Cryptography;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Protocol.Tests.Dpop;

public class DpopProofBuilderTests
{
    private const string Url = "https://rs.example.com/mcp/notes";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Algorithms => ["ES256", "EdDSA", "PS256", "RS256"];

    private static JwsKey NewKey(string algorithm) => algorithm switch
    {
        "ES256" => EcdsaJwsKey.Generate("k"),
        "EdDSA" => Ed25519JwsKey.Generate("k"),
        "PS256" => new RsaJwsKey("k", RSA.Create(2048), true, JwsAlgorithms.PS256),
        _ => new RsaJwsKey("k", RSA.Create(2048), true, JwsAlgorithms.RS256),
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void ProofOfEveryAlgorithm_Validates(string algorithm)
    {
        using var key = NewKey(algorithm);
        var builder = new DpopProofBuilder(key, new FakeTimeProvider(Now));

        var result = new DpopProofValidator().Validate(builder.Create("POST", Url, accessToken: "at"), new DpopProofContext("POST", Url) { AccessToken = "at" }, Now);

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(builder.Thumbprint, result.Thumbprint);
    }

    [Fact]
    public void Header_IsTypedWithThePublicJwkAndNoKid()
    {
        using var key = EcdsaJwsKey.Generate("client-key");
        var parts = CompactJws.TryParse(new DpopProofBuilder(key).Create("GET", Url))!;

        Assert.Equal("dpop+jwt", parts.Type);
        Assert.Equal("ES256", parts.Algorithm);
        Assert.Null(parts.KeyId);
        var jwk = parts.Header.GetProperty("jwk");
        Assert.Equal("EC", jwk.GetProperty("kty").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
    }

    [Fact]
    public void Claims_AreJtiHtmHtuIatAndOptionalAthAndNonce()
    {
        using var key = EcdsaJwsKey.Generate("k");
        var builder = new DpopProofBuilder(key, new FakeTimeProvider(Now));

        var plain = CompactJws.TryParse(builder.Create("POST", Url + "?q=1#f"))!;
        var full = CompactJws.TryParse(builder.Create("GET", Url, accessToken: "at", nonce: "n1"))!;

        Assert.Equal("POST", plain.GetClaim("htm"));
        Assert.Equal(Url, plain.GetClaim("htu"));
        Assert.Equal(Now.ToUnixTimeSeconds(), plain.GetNumericClaim("iat"));
        Assert.True(plain.GetClaim("jti")!.Length >= 16);
        Assert.Null(plain.GetClaim("ath"));
        Assert.Null(plain.GetClaim("nonce"));
        Assert.Equal(AccessTokenHash.Compute("at"), full.GetClaim("ath"));
        Assert.Equal("n1", full.GetClaim("nonce"));
        Assert.NotEqual(plain.GetClaim("jti"), full.GetClaim("jti"));
    }

    [Fact]
    public void PublicOnlyKey_CannotBuildProofs()
    {
        using var full = Ed25519JwsKey.Generate("k");
        var x = System.Buffers.Text.Base64Url.DecodeFromChars(CompactJws.TryParse(new DpopProofBuilder(full).Create("GET", Url))!.Header.GetProperty("jwk").GetProperty("x").GetString());
        using var publicOnly = Ed25519JwsKey.FromPublicKey("k", x);

        Assert.Throws<ArgumentException>(() => new DpopProofBuilder(publicOnly));
    }

    [Fact]
    public void Ed25519FullySpecifiedAlg_IsAccepted()
    {
        using var key = Ed25519JwsKey.Generate("k");
        var jwk = Support.RawJws.PublicJwk(key);
        var proof = Support.RawJws.Sign(key, $$"""{"typ":"dpop+jwt","alg":"Ed25519","jwk":{{jwk}}}""", $$"""{"jti":"j","htm":"GET","htu":"{{Url}}","iat":{{Now.ToUnixTimeSeconds()}}}""");

        Assert.True(new DpopProofValidator().Validate(proof, new DpopProofContext("GET", Url), Now).IsValid);
    }
}
