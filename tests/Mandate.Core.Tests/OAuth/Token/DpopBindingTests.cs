using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

/// <summary>RFC 9449 sections 5, 5.2 and 10 at the token endpoint's domain logic (the proof itself is checked before).</summary>
public sealed class DpopBindingTests : IAsyncLifetime
{
    private const string KeyA = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string KeyB = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    private async Task<Core.OAuth.Token.TokenResult> CodeAsync(string? proofJkt, Core.Clients.OAuthClient? client = null, string? dpopJkt = null)
    {
        var (code, pkce) = await flow.AuthorizeAsync(client, dpopJkt: dpopJkt);
        return await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce), client, proofJkt);
    }

    private Task<RefreshTokenRecord?> RecordAsync(string refreshToken) =>
        flow.Harness.Get<IRefreshTokenStore>().FindAsync(TokenHashing.Hash(refreshToken), CancellationToken.None);

    [Fact]
    public async Task CodeWithProof_IssuesDpopTokenBoundToTheKey_AndBindsThePublicClientsRefreshToken()
    {
        var response = (await CodeAsync(KeyA)).Response!;

        Assert.Equal("DPoP", response.TokenType);
        Assert.Equal(KeyA, flow.Claims(response.AccessToken).DpopJkt);
        Assert.Equal(KeyA, (await RecordAsync(response.RefreshToken!))!.DpopJkt);
    }

    [Fact]
    public async Task CodeWithoutProof_IssuesBearerToken_Unbound()
    {
        var response = (await CodeAsync(null)).Response!;

        Assert.Equal("Bearer", response.TokenType);
        Assert.Null(flow.Claims(response.AccessToken).DpopJkt);
        Assert.Null((await RecordAsync(response.RefreshToken!))!.DpopJkt);
    }

    [Fact]
    public async Task ConfidentialClient_RefreshTokenStaysUnbound_AndMayMoveToAnotherKey()
    {
        var client = TestClients.Confidential();
        var first = (await CodeAsync(KeyA, client)).Response!;
        Assert.Null((await RecordAsync(first.RefreshToken!))!.DpopJkt);

        var second = (await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), client, KeyB)).Response!;

        Assert.Equal(KeyB, flow.Claims(second.AccessToken).DpopJkt);
        Assert.Null((await RecordAsync(second.RefreshToken!))!.DpopJkt);
    }

    [Fact]
    public async Task BoundRefreshToken_WithTheSameKey_RotatesAndStaysBound()
    {
        var first = (await CodeAsync(KeyA)).Response!;

        var second = (await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), null, KeyA)).Response!;

        Assert.Equal("DPoP", second.TokenType);
        Assert.Equal(KeyA, flow.Claims(second.AccessToken).DpopJkt);
        Assert.Equal(KeyA, (await RecordAsync(second.RefreshToken!))!.DpopJkt);
    }

    [Fact]
    public async Task BoundRefreshToken_WithoutProof_IsInvalidDpopProof_AndNotSpent()
    {
        var first = (await CodeAsync(KeyA)).Response!;

        var refused = await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), null, null);

        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, refused.Error!.Error);
        Assert.Null((await RecordAsync(first.RefreshToken!))!.ConsumedAt);
        Assert.NotNull((await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), null, KeyA)).Response);
    }

    [Fact]
    public async Task BoundRefreshToken_WithAnotherKey_IsInvalidGrant_AndNotSpent()
    {
        var first = (await CodeAsync(KeyA)).Response!;

        var refused = await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), null, KeyB);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, refused.Error!.Error);
        Assert.Null((await RecordAsync(first.RefreshToken!))!.ConsumedAt);
    }

    [Fact]
    public async Task PublicClientsUnboundRefreshToken_IsBoundByItsFirstProof()
    {
        var first = (await CodeAsync(null)).Response!;

        var second = (await flow.TokenAsync(TokenFlow.RefreshRequest(first.RefreshToken!), null, KeyA)).Response!;

        Assert.Equal(KeyA, (await RecordAsync(second.RefreshToken!))!.DpopJkt);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.TokenAsync(TokenFlow.RefreshRequest(second.RefreshToken!), null, KeyB)).Error!.Error);
    }

    [Fact]
    public async Task CodeBoundByDpopJkt_NeedsAProofOfThatKey()
    {
        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, (await CodeAsync(null, dpopJkt: KeyA)).Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await CodeAsync(KeyB, dpopJkt: KeyA)).Error!.Error);
        Assert.Equal(KeyA, flow.Claims((await CodeAsync(KeyA, dpopJkt: KeyA)).Response!.AccessToken).DpopJkt);
    }

    [Fact]
    public async Task ClientThatRequiresDpop_WithoutProof_IsRefusedBeforeTheGrant()
    {
        var client = TestClients.Public("dpop-only") with { RequireDpop = true };
        await flow.Harness.AddClientAsync(client);
        var (code, pkce) = await flow.AuthorizeAsync(client);

        var refused = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce), client, null);
        var allowed = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce), client, KeyA);

        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, refused.Error!.Error);
        Assert.Equal("DPoP", allowed.Response!.TokenType);
    }

    [Fact]
    public async Task ClientCredentials_WithProof_IsBound()
    {
        var client = TestClients.Confidential() with { Scopes = ["tools.read"] };
        var result = await flow.TokenAsync([("grant_type", "client_credentials"), ("resource", CoreHarness.ResourceUri)], client, KeyA);

        Assert.Equal("DPoP", result.Response!.TokenType);
        Assert.Equal(KeyA, flow.Claims(result.Response.AccessToken).DpopJkt);
    }
}
