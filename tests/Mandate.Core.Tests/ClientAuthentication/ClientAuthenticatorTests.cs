using Mandate.Core.ClientAuthentication;
using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Jose;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.ClientAuthentication;

public sealed class ClientAuthenticatorTests : IAsyncLifetime, IDisposable
{
    private const string JwtBearer = ClientAuthenticator.JwtBearerAssertionType;
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("k1");
    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        await harness.AddClientAsync(TestClients.Public());
        await harness.AddClientAsync(TestClients.Confidential("basic-app", TokenEndpointAuthMethods.ClientSecretBasic));
        await harness.AddClientAsync(TestClients.Confidential("post-app", TokenEndpointAuthMethods.ClientSecretPost));
        await harness.AddClientAsync(new OAuthClient
        {
            ClientId = "jwt-app",
            Name = "JWT app",
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
            Jwks = Jwt.PublicJwks(key),
        });
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task None_PublicClientWithClientIdOnly_Authenticated()
    {
        var result = await AuthenticateAsync(new() { FormClientId = "public-app" });

        Assert.Equal("public-app", result.Client!.ClientId);
        Assert.False(result.UsedBasic);
    }

    [Fact]
    public async Task None_PublicClientPresentingASecret_InvalidClient()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { FormClientId = "public-app", FormSecret = "guess" })).Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { BasicClientId = "public-app", BasicSecret = "guess" })).Error!.Error);
    }

    [Fact]
    public async Task Basic_RightSecret_AuthenticatedAndMarkedAsBasic()
    {
        var result = await AuthenticateAsync(new() { BasicClientId = "basic-app", BasicSecret = TestClients.Secret });

        Assert.Equal("basic-app", result.Client!.ClientId);
        Assert.True(result.UsedBasic);
    }

    [Fact]
    public async Task Basic_WrongSecret_InvalidClientMarkedAsBasic()
    {
        var result = await AuthenticateAsync(new() { BasicClientId = "basic-app", BasicSecret = TestClients.Secret + "x" });

        Assert.Null(result.Client);
        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
        Assert.True(result.UsedBasic);
    }

    [Fact]
    public async Task Post_RightSecret_Authenticated()
    {
        Assert.True((await AuthenticateAsync(new() { FormClientId = "post-app", FormSecret = TestClients.Secret })).Succeeded);
    }

    [Fact]
    public async Task SecretClients_MayUseEitherSecretMethod()
    {
        Assert.True((await AuthenticateAsync(new() { FormClientId = "basic-app", FormSecret = TestClients.Secret })).Succeeded);
        Assert.True((await AuthenticateAsync(new() { BasicClientId = "post-app", BasicSecret = TestClients.Secret })).Succeeded);
    }

    [Fact]
    public async Task SecretClient_WithoutSecret_InvalidClient()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { FormClientId = "basic-app" })).Error!.Error);
    }

    [Fact]
    public async Task UnknownClient_InvalidClient()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { FormClientId = "nobody", FormSecret = "x" })).Error!.Error);
    }

    [Fact]
    public async Task NoClientIdAtAll_InvalidClient()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new())).Error!.Error);
    }

    [Fact]
    public async Task BasicAndPostTogether_InvalidRequest()
    {
        var result = await AuthenticateAsync(new() { BasicClientId = "basic-app", BasicSecret = TestClients.Secret, FormClientId = "basic-app", FormSecret = TestClients.Secret });

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.True(result.UsedBasic);
    }

    [Fact]
    public async Task BasicAndAssertionTogether_InvalidRequest()
    {
        var result = await AuthenticateAsync(new() { BasicClientId = "jwt-app", BasicSecret = "x", AssertionType = JwtBearer, Assertion = Assertion() });

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
    }

    [Fact]
    public async Task BasicWithDifferentBodyClientId_InvalidRequest()
    {
        var result = await AuthenticateAsync(new() { BasicClientId = "basic-app", BasicSecret = TestClients.Secret, FormClientId = "post-app" });

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwt_GoodAssertion_Authenticated()
    {
        var result = await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = Assertion(), FormClientId = "jwt-app", AcceptedAudiences = [CoreHarness.Issuer] });

        Assert.Equal("jwt-app", result.Client!.ClientId);
    }

    [Fact]
    public async Task PrivateKeyJwt_ReplayedAssertion_InvalidClient()
    {
        var assertion = Assertion();
        await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = assertion, AcceptedAudiences = [CoreHarness.Issuer] });

        var replay = await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = assertion, AcceptedAudiences = [CoreHarness.Issuer] });

        Assert.Equal(OAuthErrorCodes.InvalidClient, replay.Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwt_WrongAssertionType_InvalidRequest()
    {
        var result = await AuthenticateAsync(new() { AssertionType = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", Assertion = Assertion(), AcceptedAudiences = [CoreHarness.Issuer] });

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwt_BodyClientIdDiffersFromIssuer_InvalidClient()
    {
        var result = await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = Assertion(), FormClientId = "public-app", AcceptedAudiences = [CoreHarness.Issuer] });

        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwt_ForASecretClient_InvalidClient()
    {
        var result = await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = Assertion("basic-app"), AcceptedAudiences = [CoreHarness.Issuer] });

        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwtClient_PresentingASecretInstead_InvalidClient()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { FormClientId = "jwt-app", FormSecret = "x" })).Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await AuthenticateAsync(new() { FormClientId = "jwt-app" })).Error!.Error);
    }

    [Fact]
    public async Task PrivateKeyJwt_AudienceNotAccepted_InvalidClient()
    {
        var result = await AuthenticateAsync(new() { AssertionType = JwtBearer, Assertion = Assertion(), AcceptedAudiences = ["https://as.example.com/introspect"] });

        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
    }

    private Task<ClientAuthenticationResult> AuthenticateAsync(ClientAuthenticationRequest request) =>
        harness.Get<ClientAuthenticator>().AuthenticateAsync(request, CancellationToken.None);

    private string Assertion(string clientId = "jwt-app")
    {
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
        return Jwt.Sign(key, "JWT", new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = CoreHarness.Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["exp"] = now + 60,
        });
    }
}
