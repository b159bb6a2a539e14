using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

public sealed class AuthorizationCodeGrantTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Fact]
    public async Task Code_GoodRequest_IssuesAccessAndRefreshToken()
    {
        var (code, pkce) = await flow.AuthorizeAsync(scopes: ["tools.read"]);

        var response = (await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce))).Response!;

        Assert.Equal("tools.read", response.Scope);
        Assert.Equal(600, response.ExpiresIn);
        Assert.NotNull(response.RefreshToken);
        var claims = flow.Claims(response.AccessToken);
        Assert.Equal(TokenFlow.User, claims.Subject);
        Assert.Equal("public-app", claims.ClientId);
        Assert.Equal(CoreHarness.ResourceUri, claims.Audience);
        Assert.Equal("tools.read", claims.Scope);
    }

    [Fact]
    public async Task Code_ClientWithoutRefreshGrant_NoRefreshToken()
    {
        var client = await flow.Harness.AddClientAsync(TestClients.Public("no-refresh") with { GrantTypes = [GrantTypes.AuthorizationCode] });

        var response = await flow.CodeFlowAsync(client);

        Assert.Null(response.RefreshToken);
    }

    [Fact]
    public async Task Code_UsedTwice_SecondRefused()
    {
        var (code, pkce) = await flow.AuthorizeAsync();
        await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        var second = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, second.Error!.Error);
    }

    [Fact]
    public async Task Code_Replayed_RevokesTheAccessTokenAndTheRefreshFamily()
    {
        var (code, pkce) = await flow.AuthorizeAsync();
        var first = (await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce))).Response!;
        var jti = flow.Claims(first.AccessToken).TokenId;
        var revoked = flow.Harness.Get<IRevokedAccessTokenStore>();
        Assert.False(await revoked.IsRevokedAsync(jti, CancellationToken.None));

        await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.True(await revoked.IsRevokedAsync(jti, CancellationToken.None));
        var refresh = await flow.RefreshAsync(first.RefreshToken!);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, refresh.Error!.Error);
    }

    [Fact]
    public async Task Code_Replayed_ChildOfTheRefreshFamilyAlsoRevoked()
    {
        var (code, pkce) = await flow.AuthorizeAsync();
        var first = (await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce))).Response!;
        var rotated = (await flow.RefreshAsync(first.RefreshToken!)).Response!;

        await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(rotated.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Code_WrongVerifier_InvalidGrant()
    {
        var (code, _) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync(TokenFlow.CodeRequest(code, PkcePair.Create()));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
        Assert.Contains("code_verifier", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_MissingOrMalformedVerifier_InvalidRequestWithoutBurningTheCode()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var missing = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce).Remove("code_verifier"));
        var malformed = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce).Set("code_verifier", "too-short"));
        var good = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, missing.Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, malformed.Error!.Error);
        Assert.NotNull(good.Response);
    }

    [Fact]
    public async Task Code_MissingCode_InvalidRequest()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        Assert.Equal(OAuthErrorCodes.InvalidRequest, (await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce).Remove("code"))).Error!.Error);
    }

    [Fact]
    public async Task Code_UnknownOrExpired_InvalidGrant()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var unknown = await flow.TokenAsync(TokenFlow.CodeRequest("no-such-code", pkce));
        flow.Harness.Time.Advance(flow.Harness.Options.Tokens.AuthorizationCodeLifetime);
        var expired = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, unknown.Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, expired.Error!.Error);
    }

    [Fact]
    public async Task Code_PresentedByAnotherClient_InvalidGrant()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce), TestClients.Confidential());

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
        Assert.Contains("another client", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_RedirectUriDiffers_InvalidGrant()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce, "https://app.example.com/other"));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
    }

    [Fact]
    public async Task Code_RedirectUriSentInAuthorizeButNotInToken_InvalidGrant()
    {
        var (code, pkce) = await flow.AuthorizeAsync(redirectUriSent: true);

        var result = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce).Remove("redirect_uri"));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
    }

    [Fact]
    public async Task Code_RedirectUriNotSentInAuthorize_MayBeOmitted()
    {
        var (code, pkce) = await flow.AuthorizeAsync(redirectUriSent: false);

        Assert.NotNull((await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce).Remove("redirect_uri"))).Response);
    }

    [Fact]
    public async Task Code_RedirectUriNotSentInAuthorizeButAnotherInToken_InvalidGrant()
    {
        var (code, pkce) = await flow.AuthorizeAsync(redirectUriSent: false);

        var result = await flow.TokenAsync(TokenFlow.CodeRequest(code, pkce, "https://app.example.com/other"));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
    }

    [Fact]
    public async Task Code_ResourceDiffers_InvalidTarget()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync([.. TokenFlow.CodeRequest(code, pkce), ("resource", "https://other.example.com/mcp")]);

        Assert.Equal(OAuthErrorCodes.InvalidTarget, result.Error!.Error);
    }

    [Fact]
    public async Task Code_ResourceRepeated_InvalidTarget()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync([.. TokenFlow.CodeRequest(code, pkce), ("resource", CoreHarness.ResourceUri), ("resource", CoreHarness.ResourceUri)]);

        Assert.Equal(OAuthErrorCodes.InvalidTarget, result.Error!.Error);
    }

    [Fact]
    public async Task Code_EquivalentResource_Accepted()
    {
        var (code, pkce) = await flow.AuthorizeAsync();

        var result = await flow.TokenAsync([.. TokenFlow.CodeRequest(code, pkce), ("resource", "https://MCP.example.com:443/mcp/")]);

        Assert.Equal(CoreHarness.ResourceUri, flow.Claims(result.Response!.AccessToken).Audience);
    }
}
