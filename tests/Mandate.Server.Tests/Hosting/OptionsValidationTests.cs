using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Hosting;

/// <summary>Configuration errors stop the server before it takes requests, each one named.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("http://auth.example.com", "plain HTTP")]
    [InlineData("http://10.0.0.5:5080", "plain HTTP")]
    [InlineData("https://auth.example.com/", "must not end with '/'")]
    [InlineData("https://auth.example.com?tenant=1", "query or fragment")]
    [InlineData("auth.example.com", "absolute http(s) URL")]
    public async Task InvalidIssuer_FailsStartUp_WithAClearMessage(string issuer, string message)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Issuer"] = issuer }));

        Assert.Contains(ex.Failures, f => f.Contains(issuer, StringComparison.Ordinal) && f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryProblemIsListed()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Issuer"] = "http://auth.example.com",
            ["Tokens:SigningAlgorithm"] = "HS256",
            ["Tokens:RefreshReuseGrace"] = "00:10:00",
            ["Tokens:AccessTokenLifetime"] = "00:00:00",
        }));

        Assert.Equal(4, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.Contains("Tokens:SigningAlgorithm", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Tokens:RefreshReuseGrace", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Tokens:AccessTokenLifetime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpsIssuer_BehindATlsTerminator_DecidesThePublishedUrls_AndPagesWork()
    {
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Issuer"] = "https://auth.example.com" });

        var metadata = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(server.BaseUrl + "/.well-known/oauth-authorization-server"));
        var login = await OAuthHttp.Client.GetAsync(server.BaseUrl + "/login");

        Assert.Equal("https://auth.example.com", metadata.GetProperty("issuer").GetString());
        Assert.Equal("https://auth.example.com/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-mandate-af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var form = HtmlForm.Parse(await login.Content.ReadAsStringAsync())!;
        await server.AddUserAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { ["Username"] = "alice", ["Password"] = MandateTestServer.Password }),
        };
        post.Headers.Add("Cookie", cookie.Split(';')[0]);
        var signedIn = await OAuthHttp.Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-mandate-session=", StringComparison.Ordinal));
    }
}
