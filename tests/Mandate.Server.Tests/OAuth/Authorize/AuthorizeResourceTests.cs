using System.Net;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Authorize;

/// <summary>RFC 8707 resource indicators compare in canonical form; tokens carry the canonical URI as audience.</summary>
public sealed class AuthorizeResourceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task EquivalentSpellings_NameTheSameResource()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        var first = PkcePair.Create();
        var firstCode = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, first, resource: "https://MCP.Example.COM/mcp/"));
        Assert.Equal(["login", "consent"], browser.PagesSeen);

        var second = PkcePair.Create();
        var secondCode = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, second, resource: "https://mcp.example.com:443/mcp"));

        Assert.Empty(browser.PagesSeen);
        foreach (var (code, pkce) in new[] { (firstCode, first), (secondCode, second) })
        {
            var token = await OAuthHttp.JsonAsync(await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId));
            Assert.Equal(TestFlow.Resource, CompactJws.TryParse(token.GetProperty("access_token").GetString())!.GetClaim("aud"));
        }
    }

    [Fact]
    public async Task TokenRequest_WithOtherResource_IsInvalidTarget_WithEquivalentOne_Succeeds()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce));
        var other = PkcePair.Create();
        var otherCode = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, other));

        var refused = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestFlow.Redirect),
            ("code_verifier", pkce.Verifier), ("client_id", client.ClientId), ("resource", ServerFixture.OtherResource));
        var accepted = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "authorization_code"), ("code", otherCode), ("redirect_uri", TestFlow.Redirect),
            ("code_verifier", other.Verifier), ("client_id", client.ClientId), ("resource", "https://MCP.example.com/mcp/"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_target", await OAuthHttp.ErrorAsync(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ScopeOmitted_GetsEveryScopeOfTheResource()
    {
        var client = await fixture.NewPublicClientAsync();

        var token = await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, scope: null, browser: fixture.Browser);

        Assert.Equal("tools.read tools.call", token.GetProperty("scope").GetString());
    }
}
