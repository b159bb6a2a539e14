using System.Net;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.Http;

/// <summary>Browser-based clients: the open protocol endpoints answer CORS for any origin; the pages and introspection do not.</summary>
public sealed class CorsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Page = "https://inspector.example";

    [Theory]
    [InlineData("/token")]
    [InlineData("/register")]
    [InlineData("/revoke")]
    public async Task Preflight_ForTheOpenEndpoints_AllowsAnyOriginAndTheDpopHeader(string path)
    {
        using var request = Preflight(fixture.Issuer + path, "POST", "content-type,dpop");

        using var response = await OAuthHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("dpop", Single(response, "Access-Control-Allow-Headers").ToLowerInvariant(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/jwks")]
    public async Task Documents_CarryAllowOrigin(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Issuer + path);
        request.Headers.Add("Origin", Page);

        using var response = await OAuthHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TokenErrors_ExposeTheChallengeAndNonceHeadersToTheScript()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Issuer + "/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", "no-such-client"), new("client_secret", "x")]),
        };
        request.Headers.Add("Origin", Page);

        using var response = await OAuthHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var exposed = Single(response, "Access-Control-Expose-Headers");
        Assert.Contains("WWW-Authenticate", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("DPoP-Nonce", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/authorize", "GET")]
    [InlineData("/introspect", "POST")]
    public async Task PagesAndIntrospection_GetNoCors(string path, string method)
    {
        using var request = Preflight(fixture.Issuer + path, method, "content-type");

        using var response = await OAuthHttp.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string url, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", Page);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : throw new Xunit.Sdk.XunitException($"No {name} header.");
}
