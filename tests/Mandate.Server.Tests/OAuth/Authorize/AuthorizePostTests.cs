using System.Net;
using System.Text;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Authorize;

/// <summary>POST /authorize (form-encoded) behaves like GET.</summary>
public sealed class AuthorizePostTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Post_WithoutSession_SendsToLogin_WithTheRequestAsGetUrl()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = PkcePair.Create();

        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/authorize", Form(client.ClientId, pkce));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri(fixture.Issuer), response.Headers.Location!);
        Assert.Equal("/login", location.AbsolutePath);
        var returnUrl = QueryParameters.Of(location)["returnUrl"];
        Assert.StartsWith("/authorize?", returnUrl, StringComparison.Ordinal);
        var returned = QueryParameters.Of(new Uri(new Uri(fixture.Issuer), returnUrl));
        Assert.Equal(client.ClientId, returned["client_id"]);
        Assert.Equal(pkce.Challenge, returned["code_challenge"]);
    }

    [Fact]
    public async Task Post_WithSessionAndConsent_AnswersWithCode()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()));
        var pkce = PkcePair.Create();

        var response = await browser.Http.PostAsync(fixture.Issuer + "/authorize", Form(client.ClientId, pkce));

        var callback = TestFlow.Callback(response);
        Assert.Equal("post-state", callback["state"]);
        Assert.Equal(fixture.Issuer, callback["iss"]);
        Assert.Equal(HttpStatusCode.OK, (await TestFlow.RedeemAsync(fixture.Issuer, callback["code"], pkce, client.ClientId)).StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_ErrorPage400_Not500()
    {
        var body = new StringContent("client_id=x&state=" + new string('a', 200_000), Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/authorize", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutPkce_RedirectsError()
    {
        var client = await fixture.NewPublicClientAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = client.ClientId, ["redirect_uri"] = TestFlow.Redirect, ["resource"] = TestFlow.Resource, ["state"] = "p",
        });

        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/authorize", form);

        var callback = TestFlow.Callback(response);
        Assert.Equal("invalid_request", callback["error"]);
        Assert.Equal(fixture.Issuer, callback["iss"]);
    }

    [Fact]
    public async Task Post_WithJsonBody_ShowsErrorPage()
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/authorize", new StringContent("{\"client_id\":\"x\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string clientId, PkcePair pkce) => new(new Dictionary<string, string>
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = TestFlow.Redirect,
        ["code_challenge"] = pkce.Challenge,
        ["code_challenge_method"] = "S256",
        ["resource"] = TestFlow.Resource,
        ["scope"] = "tools.read",
        ["state"] = "post-state",
    });
}
