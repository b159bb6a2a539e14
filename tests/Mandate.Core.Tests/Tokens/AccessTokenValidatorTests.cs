using Mandate.Core.Keys;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Tests.Tokens;

public sealed class AccessTokenValidatorTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    private JwsKey SigningKey => harness.Get<KeyRing>().SigningKey;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public void Validate_TokenSignedLikeTheIssuerDoes_Accepted()
    {
        var claims = Validate(Jwt.Sign(SigningKey, "at+jwt", Claims()));

        Assert.NotNull(claims);
        Assert.Equal("user-1", claims.Subject);
    }

    [Fact]
    public void Validate_AlgNone_Refused()
    {
        Assert.Null(Validate(Jwt.AlgNone(SigningKey.KeyId, "at+jwt", Claims())));
    }

    [Fact]
    public void Validate_Hs256WithThePublicKeyAsSecret_Refused()
    {
        Assert.Null(Validate(Jwt.HmacWithPublicKey(SigningKey, "at+jwt", Claims())));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("application/at+jwt")]
    [InlineData("dpop+jwt")]
    public void Validate_WrongType_Refused(string type)
    {
        Assert.Null(Validate(Jwt.Sign(SigningKey, type, Claims())));
    }

    [Fact]
    public void Validate_TypeCaseInsensitive_Accepted()
    {
        Assert.NotNull(Validate(Jwt.Sign(SigningKey, "AT+JWT", Claims())));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://as.example.com/")]
    public void Validate_WrongIssuer_Refused(string issuer)
    {
        Assert.Null(Validate(Jwt.Sign(SigningKey, "at+jwt", Claims(("iss", issuer)))));
    }

    [Fact]
    public void Validate_Expired_RefusedAfterTheClockSkew()
    {
        var token = harness.Get<AccessTokenIssuer>().Issue(new AccessTokenRequest { Subject = "u", ClientId = "c", Resource = CoreHarness.ResourceUri }).Token;

        harness.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        Assert.NotNull(Validate(token));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(Validate(token));
    }

    [Fact]
    public void Validate_IssuedInTheFuture_Refused()
    {
        var future = harness.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();

        Assert.Null(Validate(Jwt.Sign(SigningKey, "at+jwt", Claims(("iat", future), ("exp", future + 600)))));
    }

    [Fact]
    public void Validate_TamperedPayload_Refused()
    {
        var token = Jwt.Sign(SigningKey, "at+jwt", Claims());

        Assert.Null(Validate(Jwt.WithPayload(token, Claims(("sub", "admin")))));
    }

    [Fact]
    public void Validate_UnknownKid_Refused()
    {
        using var stranger = EcdsaJwsKey.Generate("unknown-kid");

        Assert.Null(Validate(Jwt.Sign(stranger, "at+jwt", Claims())));
    }

    [Fact]
    public void Validate_KnownKidButOtherKey_Refused()
    {
        using var impostor = EcdsaJwsKey.Generate(SigningKey.KeyId);

        Assert.Null(Validate(Jwt.Sign(impostor, "at+jwt", Claims())));
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("sub")]
    [InlineData("client_id")]
    [InlineData("aud")]
    [InlineData("iat")]
    [InlineData("exp")]
    public void Validate_RequiredClaimMissing_Refused(string claim)
    {
        var claims = Claims();
        claims.Remove(claim);

        Assert.Null(Validate(Jwt.Sign(SigningKey, "at+jwt", claims)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    public void Validate_Malformed_Refused(string? token)
    {
        Assert.Null(Validate(token));
    }

    [Fact]
    public void Validate_CnfJkt_IsReadAsTheDpopBinding()
    {
        const string jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        var claims = Validate(Jwt.Sign(SigningKey, "at+jwt", Claims(("cnf", new Dictionary<string, object> { ["jkt"] = jkt }))));

        Assert.Equal(jkt, claims!.DpopJkt);
        Assert.True(claims.IsDpopBound);
        Assert.Null(Validate(Jwt.Sign(SigningKey, "at+jwt", Claims()))!.DpopJkt);
    }

    [Theory]
    [InlineData("not-an-object")]
    [InlineData("no-jkt")]
    [InlineData("short-jkt")]
    public void Validate_MalformedCnf_Refused(string kind)
    {
        object cnf = kind switch
        {
            "not-an-object" => "jkt",
            "no-jkt" => new Dictionary<string, object> { ["x5t#S256"] = "abc" },
            _ => new Dictionary<string, object> { ["jkt"] = "abc" },
        };

        Assert.Null(Validate(Jwt.Sign(SigningKey, "at+jwt", Claims(("cnf", cnf)))));
    }

    [Fact]
    public void Issue_WithDpopJkt_WritesCnfJkt_AndValidatesBack()
    {
        const string jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        var issued = harness.Get<AccessTokenIssuer>().Issue(new AccessTokenRequest { Subject = "u", ClientId = "c", Resource = CoreHarness.ResourceUri, DpopJkt = jkt });

        Assert.Equal(jkt, Jwt.Payload(issued.Token).GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.Equal(jkt, Validate(issued.Token)!.DpopJkt);
    }

    private AccessTokenClaims? Validate(string? token) => harness.Get<AccessTokenValidator>().Validate(token);

    private Dictionary<string, object> Claims(params (string Name, object Value)[] overrides)
    {
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = CoreHarness.Issuer,
            ["sub"] = "user-1",
            ["aud"] = CoreHarness.ResourceUri,
            ["client_id"] = "client-1",
            ["jti"] = "jti-1",
            ["iat"] = now,
            ["exp"] = now + 600,
        };
        foreach (var (name, value) in overrides)
        {
            claims[name] = value;
        }

        return claims;
    }
}
