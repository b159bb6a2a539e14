using System.Text.Json;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Protocol.Tests.Support;

namespace Mandate.Protocol.Tests.Rfc;

/// <summary>
/// RFC 9449 (DPoP) examples. The proofs date from 2019, so each is checked at a fixed "now" equal to its iat; the RFC
/// publishes no private key, so they can only be verified.
/// </summary>
public class Rfc9449Tests
{
    private static readonly DpopProofValidator Validator = new();

    private static JsonElement Vector => JoseVectors.Rfc9449;

    private static JsonElement Proof(int index) => Vector.GetProperty("proofs")[index];

    private static DateTimeOffset IssuedAt(JsonElement proof) =>
        DateTimeOffset.FromUnixTimeSeconds(proof.GetProperty("decoded_payload").GetProperty("iat").GetInt64());

    [Fact]
    public void Section6_1_JktOfTheExampleKey_IsThePublishedOne()
    {
        Assert.True(JwkThumbprint.TryCompute(Vector.GetProperty("dpop_public_jwk"), out var jkt));

        Assert.Equal("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I", jkt);
        Assert.Equal(Vector.Text("jkt"), jkt);
        Assert.Equal(Vector.Text("dpop_jwk_canonical_json"), JwkThumbprint.TryGetCanonicalJson(Vector.GetProperty("dpop_public_jwk")));
    }

    [Fact]
    public void Section4_2_AthOfTheExampleAccessToken_IsThePublishedOne()
    {
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", AccessTokenHash.Compute(Vector.Text("access_token")));
        Assert.True(AccessTokenHash.Matches(Vector.Text("access_token"), Vector.Text("ath")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Figures2And7_TokenRequestProofs_AreValidAtTheTokenEndpoint(int index)
    {
        var proof = Proof(index);
        var request = proof.GetProperty("request");

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext(request.Text("method"), request.Text("target_uri")),
            IssuedAt(proof));

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(Vector.Text("jkt"), result.Thumbprint);
        Assert.Equal("-BwC3ESc6acc2lTc", result.JwtId);
        Assert.Equal(IssuedAt(proof), result.IssuedAt);
    }

    [Fact]
    public void Figure13_ResourceRequestProof_IsValidWithItsAccessToken()
    {
        var proof = Proof(2);

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("GET", "https://resource.example.org/protectedresource") { AccessToken = Vector.Text("access_token") },
            IssuedAt(proof));

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(Vector.Text("jkt"), result.Thumbprint);
        Assert.Equal("e1j3V_bKic8-LAEB", result.JwtId);
    }

    [Fact]
    public void Figure13_ResourceRequestProof_WithAnotherAccessToken_IsRefused()
    {
        var proof = Proof(2);

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("GET", "https://resource.example.org/protectedresource") { AccessToken = "another-token" },
            IssuedAt(proof));

        Assert.Equal(DpopProofFailure.AccessTokenHashMismatch, result.Failure);
        Assert.Equal("invalid_dpop_proof", result.Error!.Error);
    }

    [Fact]
    public void Figure2_TokenRequestProof_PresentedWithAnAccessToken_LacksAth()
    {
        var proof = Proof(0);

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("POST", "https://server.example.com/token") { AccessToken = Vector.Text("access_token") },
            IssuedAt(proof));

        Assert.Equal(DpopProofFailure.MissingAccessTokenHash, result.Failure);
    }

    [Fact]
    public void Figure2_TokenRequestProof_AtTheResource_IsRefusedForItsMethod()
    {
        var proof = Proof(0);

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("GET", "https://resource.example.org/protectedresource"),
            IssuedAt(proof));

        Assert.Equal(DpopProofFailure.MethodMismatch, result.Failure);
    }

    [Fact]
    public void Figure2_TokenRequestProof_AtTodaysClock_IsTooOld()
    {
        var proof = Proof(0);

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("POST", "https://server.example.com/token"),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(DpopProofFailure.TooOld, result.Failure);
    }

    [Fact]
    public void Figure21_NonceRequired_ExampleProofWithoutNonce_AsksForOne()
    {
        var proof = Proof(0);
        var nonce = Vector.GetProperty("nonce_examples").Text("figure_20_dpop_nonce");

        var result = Validator.Validate(
            proof.Text("dpop_proof_jwt"),
            new DpopProofContext("POST", "https://server.example.com/token") { AcceptedNonces = [nonce] },
            IssuedAt(proof));

        Assert.Equal(DpopProofFailure.MissingNonce, result.Failure);
        Assert.Equal("use_dpop_nonce", result.Error!.Error);
    }

    [Fact]
    public void Figure8_AccessToken_IsBoundToTheProofKey()
    {
        var parts = CompactJws.TryParse(Vector.GetProperty("figure_8_access_token_jwt").Text("jwt"));
        Assert.NotNull(parts);

        Assert.Equal(Vector.Text("jkt"), parts.Payload.GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public void Figure25_DpopJkt_IsAWellFormedThumbprint_ButNotOfTheExampleKey()
    {
        var dpopJkt = Vector.GetProperty("figure_25_authorization_request").Text("dpop_jkt");

        Assert.True(JwkThumbprint.IsWellFormed(dpopJkt));
        Assert.NotEqual(Vector.Text("jkt"), dpopJkt);
    }

    [Fact]
    public void Section4_2_ProofHeaders_AreTypedAndCarryThePublicKeyOnly()
    {
        foreach (var proof in Vector.GetProperty("proofs").EnumerateArray())
        {
            var parts = CompactJws.TryParse(proof.Text("dpop_proof_jwt"));
            Assert.NotNull(parts);
            Assert.Equal("dpop+jwt", parts.Type);
            Assert.Equal("ES256", parts.Algorithm);
            Assert.False(parts.Header.GetProperty("jwk").TryGetProperty("d", out _));
        }
    }
}
