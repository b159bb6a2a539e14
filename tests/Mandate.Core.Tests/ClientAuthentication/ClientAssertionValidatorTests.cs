using Mandate.Core.ClientAuthentication;
using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Tests.ClientAuthentication;

public sealed class ClientAssertionValidatorTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "jwt-app";
    private static readonly string[] Audiences = [CoreHarness.Issuer, CoreHarness.Issuer + "/token"];
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client-key-1");
    private CoreHarness harness = null!;
    private OAuthClient client = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        client = new OAuthClient
        {
            ClientId = ClientId,
            Name = "JWT app",
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
            Jwks = Jwt.PublicJwks(key),
            GrantTypes = [GrantTypes.ClientCredentials],
        };
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task Validate_GoodAssertion_Accepted()
    {
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims())));
    }

    [Fact]
    public async Task Validate_AudienceAsArrayNamingTheTokenEndpoint_Accepted()
    {
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("aud", new[] { "https://elsewhere.example.com", CoreHarness.Issuer + "/token" })))));
    }

    [Fact]
    public async Task Validate_SameJtiTwice_SecondRefused()
    {
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("jti", "once")))));
        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("jti", "once")))));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://as.example.com/")]
    [InlineData("https://as.example.com/authorize")]
    public async Task Validate_WrongAudience_Refused(string audience)
    {
        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("aud", audience)))));
    }

    [Fact]
    public async Task Validate_NoAudience_Refused()
    {
        var claims = Claims();
        claims.Remove("aud");

        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", claims)));
    }

    [Fact]
    public async Task Validate_Expired_Refused()
    {
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();

        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("exp", now - 31)))));
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("exp", now - 29)))));
    }

    [Fact]
    public async Task Validate_ExpiryTooFarAhead_Refused()
    {
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();

        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("exp", now + 601)))));
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("exp", now + 600)))));
    }

    [Fact]
    public async Task Validate_NotBeforeInTheFuture_Refused()
    {
        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims(("nbf", harness.Time.GetUtcNow().ToUnixTimeSeconds() + 120)))));
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("sub", "someone-else")]
    public async Task Validate_IssOrSubNotTheClient_Refused(string claim, string value)
    {
        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", Claims((claim, value)))));
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("exp")]
    public async Task Validate_MissingJtiOrExp_Refused(string claim)
    {
        var claims = Claims();
        claims.Remove(claim);

        Assert.False(await ValidateAsync(Jwt.Sign(key, "JWT", claims)));
    }

    [Fact]
    public async Task Validate_AlgNone_Refused()
    {
        Assert.False(await ValidateAsync(Jwt.AlgNone(key.KeyId, "JWT", Claims())));
        Assert.False(await ValidateAsync(Jwt.AlgNone(null, "JWT", Claims())));
    }

    [Fact]
    public async Task Validate_Hs256SignedWithThePublicKey_Refused()
    {
        Assert.False(await ValidateAsync(Jwt.HmacWithPublicKey(key, "JWT", Claims())));
    }

    [Fact]
    public async Task Validate_UnknownKid_Refused()
    {
        using var other = EcdsaJwsKey.Generate("other-kid");

        Assert.False(await ValidateAsync(Jwt.Sign(other, "JWT", Claims())));
    }

    [Fact]
    public async Task Validate_RightKidWrongKey_Refused()
    {
        using var impostor = EcdsaJwsKey.Generate(key.KeyId);

        Assert.False(await ValidateAsync(Jwt.Sign(impostor, "JWT", Claims())));
    }

    [Fact]
    public async Task Validate_TamperedPayload_Refused()
    {
        var token = Jwt.Sign(key, "JWT", Claims());

        Assert.False(await ValidateAsync(Jwt.WithPayload(token, Claims(("jti", "different")))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not.a.jwt")]
    [InlineData("onlyonepart")]
    public async Task Validate_Malformed_Refused(string assertion)
    {
        Assert.False(await ValidateAsync(assertion));
    }

    [Fact]
    public async Task Validate_KeysFromJwksUri_FetchedAndCached()
    {
        const string jwksUri = "https://jwt-app.example.com/jwks.json";
        harness.Fetcher.Serve(jwksUri, Jwt.PublicJwks(key));
        client = client with { Jwks = null, JwksUri = jwksUri };

        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims())));
        Assert.True(await ValidateAsync(Jwt.Sign(key, "JWT", Claims())));
        Assert.Equal(1, harness.Fetcher.FetchCount);
    }

    private Task<bool> ValidateAsync(string assertion) =>
        harness.Get<ClientAssertionValidator>().ValidateAsync(client, assertion, Audiences, CancellationToken.None);

    private Dictionary<string, object> Claims(params (string Name, object Value)[] overrides)
    {
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = CoreHarness.Issuer + "/token",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["exp"] = now + 60,
        };
        foreach (var (name, value) in overrides)
        {
            claims[name] = value;
        }

        return claims;
    }
}
