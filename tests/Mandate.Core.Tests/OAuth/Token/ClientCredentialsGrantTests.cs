using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

public sealed class ClientCredentialsGrantTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Fact]
    public async Task ClientCredentials_NoScopeRequested_GetsTheClientsListedScopesAtTheResource()
    {
        var client = TestClients.Confidential() with { Scopes = ["tools.read", "elsewhere"] };

        var response = (await RequestAsync(client)).Response!;

        Assert.Equal("tools.read", response.Scope);
        Assert.Null(response.RefreshToken);
        var claims = flow.Claims(response.AccessToken);
        Assert.Equal(client.ClientId, claims.Subject);
        Assert.Equal(client.ClientId, claims.ClientId);
        Assert.Equal(CoreHarness.ResourceUri, claims.Audience);
        Assert.Equal("tools.read", claims.Scope);
    }

    [Fact]
    public async Task ClientCredentials_ScopeNotListedForTheClient_InvalidScope()
    {
        var result = await RequestAsync(TestClients.Confidential() with { Scopes = ["tools.read"] }, ("scope", "tools.call"));

        Assert.Equal(OAuthErrorCodes.InvalidScope, result.Error!.Error);
    }

    [Fact]
    public async Task ClientCredentials_EmptyScopeList_GrantsNothing()
    {
        var client = TestClients.Confidential() with { Scopes = [] };

        var none = (await RequestAsync(client)).Response!;
        var asked = await RequestAsync(client, ("scope", "tools.read"));

        Assert.Equal(string.Empty, none.Scope);
        Assert.Null(flow.Claims(none.AccessToken).Scope);
        Assert.Equal(OAuthErrorCodes.InvalidScope, asked.Error!.Error);
    }

    [Fact]
    public async Task ClientCredentials_PublicClient_UnauthorizedClient()
    {
        var client = TestClients.Public() with { GrantTypes = [GrantTypes.ClientCredentials], Scopes = ["tools.read"] };

        Assert.Equal(OAuthErrorCodes.UnauthorizedClient, (await RequestAsync(client)).Error!.Error);
    }

    [Fact]
    public async Task ClientCredentials_ResourceMissingOrUnknown_InvalidTarget()
    {
        var client = TestClients.Confidential() with { Scopes = ["tools.read"] };

        var missing = await flow.TokenAsync([("grant_type", "client_credentials")], client);
        var unknown = await flow.TokenAsync([("grant_type", "client_credentials"), ("resource", "https://other.example.com")], client);

        Assert.Equal(OAuthErrorCodes.InvalidTarget, missing.Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidTarget, unknown.Error!.Error);
    }

    private Task<Mandate.Core.OAuth.Token.TokenResult> RequestAsync(OAuthClient client, params (string Name, string Value)[] extra) =>
        flow.TokenAsync([("grant_type", "client_credentials"), ("resource", CoreHarness.ResourceUri), .. extra], client);
}
