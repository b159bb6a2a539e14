using Mandate.Core.OAuth.Introspection;
using Mandate.Core.OAuth.Revocation;
using Mandate.Core.Tests.Support;

namespace Mandate.Core.Tests.OAuth;

public sealed class IntrospectionAndRevocationTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Fact]
    public async Task Introspect_LiveAccessToken_Active()
    {
        var tokens = await flow.CodeFlowAsync();

        var result = await IntrospectAsync(tokens.AccessToken);

        Assert.True(result.Active);
        Assert.Equal(TokenFlow.User, result.Subject);
        Assert.Equal(CoreHarness.ResourceUri, result.Audience);
    }

    [Fact]
    public async Task Introspect_AccessTokenOfAReplayedCode_Inactive()
    {
        var (code, pkce) = await flow.AuthorizeAsync();
        var tokens = (await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce))).Response!;

        await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.False((await IntrospectAsync(tokens.AccessToken)).Active);
    }

    [Fact]
    public async Task Introspect_RefreshToken_OnlyForItsOwnClient()
    {
        var tokens = await flow.CodeFlowAsync();

        Assert.True((await IntrospectAsync(tokens.RefreshToken!)).Active);
        Assert.False((await flow.Harness.Get<IntrospectionService>().IntrospectAsync(TestClients.Confidential(), tokens.RefreshToken!, null, CancellationToken.None)).Active);
    }

    [Fact]
    public async Task Revoke_AccessToken_BecomesInactive()
    {
        var tokens = await flow.CodeFlowAsync();

        await RevokeAsync(tokens.AccessToken);

        Assert.False((await IntrospectAsync(tokens.AccessToken)).Active);
    }

    [Fact]
    public async Task Revoke_ByAnotherClient_NoEffect()
    {
        var tokens = await flow.CodeFlowAsync();

        await flow.Harness.Get<RevocationService>().RevokeAsync(TestClients.Confidential(), tokens.AccessToken, null, CancellationToken.None);
        await flow.Harness.Get<RevocationService>().RevokeAsync(TestClients.Confidential(), tokens.RefreshToken!, null, CancellationToken.None);

        Assert.True((await IntrospectAsync(tokens.AccessToken)).Active);
        Assert.NotNull((await flow.RefreshAsync(tokens.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesTheFamily()
    {
        var first = await flow.CodeFlowAsync();
        var second = (await flow.RefreshAsync(first.RefreshToken!)).Response!;

        await RevokeAsync(first.RefreshToken!);

        Assert.Null((await flow.RefreshAsync(second.RefreshToken!)).Response);
    }

    private Task<IntrospectionResult> IntrospectAsync(string token) =>
        flow.Harness.Get<IntrospectionService>().IntrospectAsync(TestClients.Public(), token, null, CancellationToken.None);

    private Task RevokeAsync(string token) =>
        flow.Harness.Get<RevocationService>().RevokeAsync(TestClients.Public(), token, null, CancellationToken.None);
}
