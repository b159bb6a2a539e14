using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

public sealed class TokenRequestProcessorTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Theory]
    [InlineData("password")]
    [InlineData("implicit")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    public async Task Process_UnsupportedGrantType_UnsupportedGrantType(string grantType)
    {
        Assert.Equal(OAuthErrorCodes.UnsupportedGrantType, (await flow.TokenAsync([("grant_type", grantType)])).Error!.Error);
    }

    [Fact]
    public async Task Process_GrantTypeMissing_InvalidRequest()
    {
        Assert.Equal(OAuthErrorCodes.InvalidRequest, (await flow.TokenAsync([("code", "x")])).Error!.Error);
    }

    [Fact]
    public async Task Process_GrantNotAllowedToTheClient_UnauthorizedClient()
    {
        var client = TestClients.Public() with { GrantTypes = [GrantTypes.AuthorizationCode] };
        var first = await flow.CodeFlowAsync();

        var result = await flow.RefreshAsync(first.RefreshToken!, client);

        Assert.Equal(OAuthErrorCodes.UnauthorizedClient, result.Error!.Error);
    }

    [Fact]
    public async Task Process_ClientCredentialsForACodeOnlyClient_UnauthorizedClient()
    {
        var client = TestClients.Confidential() with { GrantTypes = [GrantTypes.AuthorizationCode], Scopes = ["tools.read"] };

        var result = await flow.TokenAsync([("grant_type", "client_credentials"), ("resource", CoreHarness.ResourceUri)], client);

        Assert.Equal(OAuthErrorCodes.UnauthorizedClient, result.Error!.Error);
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("code")]
    [InlineData("code_verifier")]
    [InlineData("redirect_uri")]
    public async Task Process_RepeatedParameter_InvalidRequestWithoutBurningTheCode(string name)
    {
        var (code, pkce) = await flow.AuthorizeAsync();
        var pairs = TokenFlow.CodeRequest(code, pkce);
        var value = pairs.First(p => p.Name == name).Value;

        var repeated = await flow.TokenAsync(pairs.Set(name, value, value));
        var good = await flow.TokenAsync(pairs);

        Assert.Equal(OAuthErrorCodes.InvalidRequest, repeated.Error!.Error);
        Assert.NotNull(good.Response);
    }
}
