using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Pages;

/// <summary>Every response forbids framing and sniffing and sends no referrer.</summary>
public sealed class SecurityHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/authorize?client_id=unknown")]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/jwks")]
    [InlineData("/no-such-page")]
    public async Task Responses_CarryTheSecurityHeaders(string path)
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + path);

        AssertHeaders(response);
    }

    [Fact]
    public async Task ConsentPageAndTokenErrors_CarryTheSecurityHeaders()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);
        var (consent, url) = await BrowserSteps.OpenAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()), fixture.Server.BaseUrl);
        Assert.Equal("/consent", url.AbsolutePath);

        AssertHeaders(consent);
        AssertHeaders(await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", null));
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }
}
