using Mandate.Core.Clients;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;
using static Mandate.Core.Tests.Support.AuthorizeParameters;

namespace Mandate.Core.Tests.OAuth.Authorize;

public sealed class AuthorizeRequestValidatorTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        await harness.AddResourceAsync();
        await harness.AddClientAsync(TestClients.Public());
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Validate_GoodRequest_ReturnsTheRequest()
    {
        var result = await ValidateAsync(Parameters.Of(Valid));

        Assert.True(result.IsValid);
        var request = result.Request!;
        Assert.Equal("public-app", request.Client.ClientId);
        Assert.Equal(TestClients.Redirect, request.RedirectUri);
        Assert.True(request.RedirectUriSent);
        Assert.Equal("xyz", request.State);
        Assert.Equal(Challenge, request.CodeChallenge);
        Assert.Equal(CoreHarness.ResourceUri, request.Resource.Uri);
        Assert.Equal(["tools.read"], request.Scopes);
        Assert.Empty(request.Prompt);
        Assert.Null(request.MaxAge);
    }

    [Fact]
    public async Task Validate_UnknownClient_ShownNotRedirected()
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Set("client_id", "nobody")));

        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
        Assert.Null(result.RedirectUri);
    }

    [Fact]
    public async Task Validate_MissingClientId_ShownNotRedirected()
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Remove("client_id")));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.Null(result.RedirectUri);
    }

    [Theory]
    [InlineData("https://evil.example.com/callback")]
    [InlineData("https://app.example.com/callback/other")]
    [InlineData("https://app.example.com/Callback")]
    [InlineData("https://app.example.com/callback?x=1")]
    [InlineData("https://app.example.com/callback#frag")]
    [InlineData("https://app.example.com:8443/callback")]
    public async Task Validate_RedirectUriNotRegistered_ShownNotRedirected(string redirect)
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Set("redirect_uri", redirect)));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.Null(result.RedirectUri);
    }

    [Fact]
    public async Task Validate_RedirectUriRepeated_ShownNotRedirected()
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Set("redirect_uri", TestClients.Redirect, TestClients.Redirect)));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.Null(result.RedirectUri);
    }

    [Fact]
    public async Task Validate_RedirectUriOmittedWithOneRegistered_UsesIt()
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Remove("redirect_uri")));

        Assert.Equal(TestClients.Redirect, result.Request!.RedirectUri);
        Assert.False(result.Request.RedirectUriSent);
    }

    [Fact]
    public async Task Validate_RedirectUriOmittedWithTwoRegistered_ShownNotRedirected()
    {
        await harness.AddClientAsync(TestClients.Public("two") with { RedirectUris = [TestClients.Redirect, "https://app.example.com/other"] });

        var result = await ValidateAsync(Parameters.Of(Valid.Remove("redirect_uri").Set("client_id", "two")));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.Null(result.RedirectUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:51234/callback")]
    [InlineData("http://127.0.0.1/callback")]
    [InlineData("http://127.0.0.1:8400/callback")]
    public async Task Validate_LoopbackRedirectWithOtherPort_Accepted(string redirect)
    {
        await harness.AddClientAsync(TestClients.Public("native") with { RedirectUris = [TestClients.LoopbackRedirect] });

        var result = await ValidateAsync(Parameters.Of(Valid.Set("client_id", "native").Set("redirect_uri", redirect)));

        Assert.True(result.IsValid, result.Error?.Description);
        Assert.Equal(redirect, result.Request!.RedirectUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:51234/other")]
    [InlineData("http://localhost:8400/callback")]
    public async Task Validate_LoopbackRedirectWithOtherPathOrHost_Refused(string redirect)
    {
        await harness.AddClientAsync(TestClients.Public("native") with { RedirectUris = [TestClients.LoopbackRedirect] });

        var result = await ValidateAsync(Parameters.Of(Valid.Set("client_id", "native").Set("redirect_uri", redirect)));

        Assert.Null(result.RedirectUri);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("code id_token")]
    public async Task Validate_ResponseTypeNotCode_UnsupportedResponseTypeRedirectedWithState(string responseType)
    {
        var result = await ValidateAsync(Parameters.Of(Valid.Set("response_type", responseType)));

        AssertRedirected(result, OAuthErrorCodes.UnsupportedResponseType);
    }

    [Fact]
    public async Task Validate_ResponseTypeMissing_UnsupportedResponseType()
    {
        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Remove("response_type"))), OAuthErrorCodes.UnsupportedResponseType);
    }

    [Fact]
    public async Task Validate_CodeChallengeMissing_InvalidRequest()
    {
        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Remove("code_challenge"))), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_CodeChallengeMethodPlain_InvalidRequest()
    {
        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Set("code_challenge_method", "plain"))), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_CodeChallengeMethodMissing_InvalidRequest()
    {
        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Remove("code_challenge_method"))), OAuthErrorCodes.InvalidRequest);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c+")]
    public async Task Validate_CodeChallengeNotS256Shaped_InvalidRequest(string challenge)
    {
        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Set("code_challenge", challenge))), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_ClientWithoutAuthorizationCodeGrant_UnauthorizedClient()
    {
        await harness.AddClientAsync(TestClients.Confidential("machine") with { GrantTypes = [GrantTypes.ClientCredentials] });

        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Set("client_id", "machine"))), OAuthErrorCodes.UnauthorizedClient);
    }

    [Theory]
    [InlineData("state")]
    [InlineData("scope")]
    [InlineData("response_type")]
    [InlineData("code_challenge")]
    public async Task Validate_RepeatedParameter_InvalidRequest(string name)
    {
        var value = Valid.First(p => p.Name == name).Value;

        AssertRedirected(await ValidateAsync(Parameters.Of(Valid.Set(name, value, value))), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_RequestObject_RequestNotSupported()
    {
        var result = await ValidateAsync(Parameters.Of([.. Valid, ("request", "eyJhbGciOiJub25lIn0.e30.")]));

        AssertRedirected(result, "request_not_supported");
    }

    [Fact]
    public async Task Validate_ResponseModeFragment_InvalidRequest()
    {
        AssertRedirected(await ValidateAsync(Parameters.Of([.. Valid, ("response_mode", "fragment")])), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_MetadataDocumentClientWithoutRedirectUri_ShownNotRedirected()
    {
        const string clientId = "https://agent.example.com/client.json";
        harness.Fetcher.Serve(clientId, $$"""{"client_id":"{{clientId}}","redirect_uris":["{{TestClients.Redirect}}"]}""");
        var pairs = Valid.Set("client_id", clientId);

        var without = await ValidateAsync(Parameters.Of(pairs.Remove("redirect_uri")));
        var with = await ValidateAsync(Parameters.Of(pairs.Set("redirect_uri", TestClients.Redirect)));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, without.Error!.Error);
        Assert.Null(without.RedirectUri);
        Assert.True(with.IsValid, with.Error?.Description);
        Assert.Equal(ClientSource.MetadataDocument, with.Request!.Client.Source);
    }

    private Task<AuthorizeValidationResult> ValidateAsync(Mandate.Core.OAuth.OAuthParameters parameters) =>
        harness.Get<AuthorizeRequestValidator>().ValidateAsync(parameters, CancellationToken.None);
}
