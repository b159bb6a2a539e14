using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Protocol.Tests.Support;

namespace Mandate.Protocol.Tests.Dpop;

public sealed class DpopProofValidatorTests : IDisposable
{
    private const string Url = "https://as.example.com/token";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client");
    private readonly DpopProofValidator validator = new();

    public void Dispose() => key.Dispose();

    private string Proof(string method = "POST", string url = Url, DateTimeOffset? iat = null, string? accessToken = null, string? nonce = null, string jti = "jti-1") =>
        DpopProofBuilder.Create(key, new DpopProofClaims(method, url, iat ?? Now, jti) { AccessToken = accessToken, Nonce = nonce });

    private string Raw(string header, string payload, JwsKey? signer = null) => RawJws.Sign(signer ?? key, header, payload);

    private string Header(string alg = "ES256", string typ = "dpop+jwt", string? jwk = null) =>
        $$"""{"typ":"{{typ}}","alg":"{{alg}}","jwk":{{jwk ?? RawJws.PublicJwk(key)}}}""";

    private static string Payload(string extra = "") =>
        $$"""{"jti":"j1","htm":"POST","htu":"{{Url}}","iat":{{Now.ToUnixTimeSeconds()}}{{extra}}}""";

    private DpopProofResult Check(string? proof, DpopProofContext? context = null) =>
        validator.Validate(proof, context ?? new DpopProofContext("POST", Url), Now);

    [Fact]
    public void ValidProof_GivesTheKeysThumbprintJtiAndIat()
    {
        var result = Check(Proof());

        Assert.True(result.IsValid);
        Assert.Null(result.Error);
        Assert.Equal(JwkThumbprint.Compute(key), result.Thumbprint);
        Assert.Equal("jti-1", result.JwtId);
        Assert.Equal(Now, result.IssuedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MissingProof_IsRefused(string? proof) => Assert.Equal(DpopProofFailure.Missing, Check(proof).Failure);

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.e30.")]
    public void MalformedProof_IsRefused(string proof)
    {
        var result = Check(proof);

        Assert.Contains(result.Failure, new[] { DpopProofFailure.Malformed, DpopProofFailure.WrongType });
        Assert.Equal("invalid_dpop_proof", result.Error!.Error);
    }

    [Fact]
    public void OversizedProof_IsRefusedBeforeParsing()
    {
        var proof = Proof() + new string('A', 9000);

        Assert.Equal(DpopProofFailure.TooLarge, Check(proof).Failure);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    [InlineData("dpop")]
    public void WrongTyp_IsRefused(string typ) =>
        Assert.Equal(DpopProofFailure.WrongType, Check(Raw(Header(typ: typ), Payload())).Failure);

    [Fact]
    public void MissingTyp_IsRefused() =>
        Assert.Equal(DpopProofFailure.WrongType, Check(Raw($$"""{"alg":"ES256","jwk":{{RawJws.PublicJwk(key)}}}""", Payload())).Failure);

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES384")]
    [InlineData("RS512")]
    public void AlgorithmOutsideTheAllowedSet_IsRefused(string alg) =>
        Assert.Equal(DpopProofFailure.UnsupportedAlgorithm, Check(Raw(Header(alg: alg), Payload())).Failure);

    [Fact]
    public void AlgNoneWithEmptySignature_IsRefused()
    {
        var proof = RawJws.Encode(Header(alg: "none")) + "." + RawJws.Encode(Payload()) + ".";

        Assert.Equal(DpopProofFailure.UnsupportedAlgorithm, Check(proof).Failure);
    }

    [Fact]
    public void HmacConfiguredAsAllowed_IsStillRefused()
    {
        var lax = new DpopProofValidator(new DpopProofValidationOptions { AllowedAlgorithms = ["HS256", "none", "ES256"] });

        Assert.Equal(["ES256"], lax.Algorithms);
        Assert.Equal(DpopProofFailure.UnsupportedAlgorithm, lax.Validate(Raw(Header(alg: "HS256"), Payload()), new DpopProofContext("POST", Url), Now).Failure);
    }

    [Fact]
    public void AlgorithmNotInTheConfiguredSet_IsRefused()
    {
        var edOnly = new DpopProofValidator(new DpopProofValidationOptions { AllowedAlgorithms = ["EdDSA"] });

        Assert.Equal(DpopProofFailure.UnsupportedAlgorithm, edOnly.Validate(Proof(), new DpopProofContext("POST", Url), Now).Failure);
    }

    [Fact]
    public void PrivateJwk_IsRefused()
    {
        var result = Check(Raw(Header(jwk: RawJws.PrivateJwk(key)), Payload()));

        Assert.Equal(DpopProofFailure.PrivateKey, result.Failure);
        Assert.Equal("invalid_dpop_proof", result.Error!.Error);
    }

    [Fact]
    public void SymmetricJwk_IsRefused() =>
        Assert.Equal(DpopProofFailure.PrivateKey, Check(Raw(Header(jwk: """{"kty":"oct","k":"c2VjcmV0"}"""), Payload())).Failure);

    [Fact]
    public void MissingJwk_IsRefused() =>
        Assert.Equal(DpopProofFailure.InvalidKey, Check(Raw("""{"typ":"dpop+jwt","alg":"ES256","kid":"k"}""", Payload())).Failure);

    [Fact]
    public void JwkOfAnotherTypeThanAlg_IsRefused()
    {
        using var ed = Ed25519JwsKey.Generate("ed");

        Assert.Equal(DpopProofFailure.InvalidKey, Check(Raw(Header(alg: "ES256", jwk: RawJws.PublicJwk(ed)), Payload())).Failure);
    }

    [Fact]
    public void JwkPointOffTheCurve_IsRefused()
    {
        var jwk = """{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"}""";

        Assert.Equal(DpopProofFailure.InvalidKey, Check(Raw(Header(jwk: jwk), Payload())).Failure);
    }

    [Fact]
    public void CritHeader_IsRefused() =>
        Assert.Equal(DpopProofFailure.Malformed, Check(Raw($$"""{"typ":"dpop+jwt","alg":"ES256","crit":["x"],"x":1,"jwk":{{RawJws.PublicJwk(key)}}}""", Payload())).Failure);

    [Fact]
    public void BadSignature_IsRefused()
    {
        var proof = Proof();
        var tampered = proof[..^4] + (proof[^4] == 'A' ? "B" : "A") + proof[^3..];

        Assert.Equal(DpopProofFailure.BadSignature, Check(tampered).Failure);
    }

    [Fact]
    public void SignedByAnotherKeyThanTheJwk_IsRefused()
    {
        using var other = EcdsaJwsKey.Generate("other");

        Assert.Equal(DpopProofFailure.BadSignature, Check(Raw(Header(), Payload(), signer: other)).Failure);
    }

    [Fact]
    public void PayloadChangedAfterSigning_IsRefused()
    {
        var parts = Proof().Split('.');
        var forged = parts[0] + "." + RawJws.Encode(Payload()) + "." + parts[2];

        Assert.Equal(DpopProofFailure.BadSignature, Check(forged).Failure);
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("htm")]
    [InlineData("htu")]
    [InlineData("iat")]
    public void MissingRequiredClaim_IsRefused(string claim)
    {
        var claims = new Dictionary<string, string>
        {
            ["jti"] = "\"j1\"", ["htm"] = "\"POST\"", ["htu"] = $"\"{Url}\"", ["iat"] = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        claims.Remove(claim);
        var payload = "{" + string.Join(",", claims.Select(c => $"\"{c.Key}\":{c.Value}")) + "}";

        Assert.Equal(DpopProofFailure.MissingClaim, Check(Raw(Header(), payload)).Failure);
    }

    [Fact]
    public void IatAsString_IsRefused() =>
        Assert.Equal(DpopProofFailure.MissingClaim, Check(Raw(Header(), $$"""{"jti":"j1","htm":"POST","htu":"{{Url}}","iat":"{{Now.ToUnixTimeSeconds()}}"}""")).Failure);

    [Fact]
    public void OversizedJti_IsRefused() =>
        Assert.Equal(DpopProofFailure.JwtIdTooLong, Check(Proof(jti: new string('j', 129))).Failure);

    [Fact]
    public void JtiAtTheLimit_IsAccepted() => Assert.True(Check(Proof(jti: new string('j', 128))).IsValid);

    [Theory]
    [InlineData("GET")]
    [InlineData("post")]
    public void WrongHtm_IsRefused(string method) =>
        Assert.Equal(DpopProofFailure.MethodMismatch, Check(Proof(method: method)).Failure);

    [Theory]
    [InlineData("https://as.example.com/other")]
    [InlineData("https://evil.example.com/token")]
    [InlineData("http://as.example.com/token")]
    [InlineData("https://as.example.com:8443/token")]
    [InlineData("https://as.example.com/token/")]
    public void WrongHtu_IsRefused(string htu) =>
        Assert.Equal(DpopProofFailure.UriMismatch, Check(Proof(url: htu)).Failure);

    [Theory]
    [InlineData("https://as.example.com/token?x=1")]
    [InlineData("https://as.example.com/token#frag")]
    [InlineData("HTTPS://AS.Example.COM:443/token")]
    public void HtuDifferingOnlyInQueryFragmentCaseOrDefaultPort_IsAccepted(string htu)
    {
        // The builder drops query and fragment; sign htu exactly as given to check the validator ignores them too.
        var proof = Raw(Header(), $$"""{"jti":"j1","htm":"POST","htu":"{{htu}}","iat":{{Now.ToUnixTimeSeconds()}}}""");

        Assert.True(Check(proof).IsValid);
    }

    [Fact]
    public void RequestUriWithQuery_MatchesHtuWithout() =>
        Assert.True(Check(Proof(), new DpopProofContext("POST", Url + "?a=b")).IsValid);

    [Fact]
    public void IatOlderThanMaxAge_IsRefused() =>
        Assert.Equal(DpopProofFailure.TooOld, Check(Proof(iat: Now - TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1))).Failure);

    [Fact]
    public void IatAtMaxAge_IsAccepted() => Assert.True(Check(Proof(iat: Now - TimeSpan.FromMinutes(2))).IsValid);

    [Fact]
    public void IatBeyondTheClockSkew_IsRefused() =>
        Assert.Equal(DpopProofFailure.IssuedInFuture, Check(Proof(iat: Now + TimeSpan.FromSeconds(31))).Failure);

    [Fact]
    public void IatWithinTheClockSkew_IsAccepted() => Assert.True(Check(Proof(iat: Now + TimeSpan.FromSeconds(30))).IsValid);

    [Fact]
    public void ConfiguredWindow_IsUsed()
    {
        var strict = new DpopProofValidator(new DpopProofValidationOptions { MaxAge = TimeSpan.FromSeconds(10), ClockSkew = TimeSpan.Zero });

        Assert.Equal(DpopProofFailure.TooOld, strict.Validate(Proof(iat: Now.AddSeconds(-11)), new DpopProofContext("POST", Url), Now).Failure);
        Assert.Equal(DpopProofFailure.IssuedInFuture, strict.Validate(Proof(iat: Now.AddSeconds(1)), new DpopProofContext("POST", Url), Now).Failure);
    }

    [Fact]
    public void FractionalIat_IsAccepted() =>
        Assert.True(Check(Raw(Header(), $$"""{"jti":"j1","htm":"POST","htu":"{{Url}}","iat":{{Now.ToUnixTimeSeconds()}}.5}""")).IsValid);

    [Fact]
    public void AbsurdIat_IsRefusedWithoutThrowing() =>
        Assert.Equal(DpopProofFailure.MissingClaim, Check(Raw(Header(), $$"""{"jti":"j1","htm":"POST","htu":"{{Url}}","iat":1e300}""")).Failure);

    [Fact]
    public void AccessTokenPresented_WithMatchingAth_IsAccepted() =>
        Assert.True(Check(Proof(accessToken: "token-1"), new DpopProofContext("POST", Url) { AccessToken = "token-1" }).IsValid);

    [Fact]
    public void AccessTokenPresented_WithoutAth_IsRefused() =>
        Assert.Equal(DpopProofFailure.MissingAccessTokenHash, Check(Proof(), new DpopProofContext("POST", Url) { AccessToken = "token-1" }).Failure);

    [Fact]
    public void AccessTokenPresented_WithAthOfAnotherToken_IsRefused() =>
        Assert.Equal(DpopProofFailure.AccessTokenHashMismatch, Check(Proof(accessToken: "token-2"), new DpopProofContext("POST", Url) { AccessToken = "token-1" }).Failure);

    [Fact]
    public void NoAccessToken_AthIsNotRequired() => Assert.True(Check(Proof()).IsValid);

    [Fact]
    public void NonceRequired_MatchingNonce_IsAccepted() =>
        Assert.True(Check(Proof(nonce: "n-2"), new DpopProofContext("POST", Url) { AcceptedNonces = ["n-1", "n-2"] }).IsValid);

    [Fact]
    public void NonceRequired_MissingNonce_AsksForOne()
    {
        var result = Check(Proof(), new DpopProofContext("POST", Url) { AcceptedNonces = ["n-1"] });

        Assert.Equal(DpopProofFailure.MissingNonce, result.Failure);
        Assert.True(result.IsNonceFailure);
        Assert.Equal("use_dpop_nonce", result.Error!.Error);
    }

    [Fact]
    public void NonceRequired_WrongNonce_AsksForANewOne()
    {
        var result = Check(Proof(nonce: "old"), new DpopProofContext("POST", Url) { AcceptedNonces = ["n-1"] });

        Assert.Equal(DpopProofFailure.StaleNonce, result.Failure);
        Assert.Equal("use_dpop_nonce", result.Error!.Error);
    }

    [Fact]
    public void NonceNotRequired_NonceInProofIsIgnored() => Assert.True(Check(Proof(nonce: "whatever")).IsValid);

    [Fact]
    public void NonceFailure_IsReportedOnlyForOtherwiseValidProofs()
    {
        var result = Check(Proof(method: "GET"), new DpopProofContext("POST", Url) { AcceptedNonces = ["n-1"] });

        Assert.Equal(DpopProofFailure.MethodMismatch, result.Failure);
        Assert.Equal("invalid_dpop_proof", result.Error!.Error);
    }

    [Fact]
    public void ErrorDescriptions_NeverEchoTheProofOrToken()
    {
        var result = Check(Proof(accessToken: "secret-token-2"), new DpopProofContext("POST", Url) { AccessToken = "secret-token-1" });

        Assert.DoesNotContain("secret", result.Error!.Description, StringComparison.Ordinal);
    }
}
