using System.Net;
using Mandate.Core.Clients;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Authorize;

/// <summary>Errors found after the client and redirect URI are trusted go back to the client, with state and iss.</summary>
public sealed class AuthorizeValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly PkcePair Pkce = PkcePair.Create();

    [Fact]
    public async Task ValidRequest_WithoutSession_GoesToLogin()
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await OAuthHttp.Client.GetAsync(Url(client.ClientId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?returnUrl=", location, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(client.ClientId), location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("code_challenge_method", "s256", "invalid_request")]
    [InlineData("code_challenge", "too-short", "invalid_request")]
    [InlineData("code_challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("response_type", "code id_token", "unsupported_response_type")]
    [InlineData("response_type", null, "unsupported_response_type")]
    [InlineData("resource", null, "invalid_target")]
    [InlineData("resource", "https://unknown.example.com/mcp", "invalid_target")]
    [InlineData("resource", "https://mcp.example.com/mcp#frag", "invalid_target")]
    [InlineData("resource", "mcp.example.com/mcp", "invalid_target")]
    [InlineData("scope", "admin", "invalid_scope")]
    [InlineData("scope", "files.read", "invalid_scope")]
    [InlineData("scope", "tools.read \"x\"", "invalid_scope")]
    [InlineData("prompt", "none login", "invalid_request")]
    [InlineData("prompt", "bogus", "invalid_request")]
    [InlineData("response_mode", "fragment", "invalid_request")]
    [InlineData("max_age", "-1", "invalid_request")]
    [InlineData("request", "eyJhbGciOiJub25lIn0.e30.", "request_not_supported")]
    public async Task InvalidParameter_RedirectsErrorToClient_WithStateAndIss(string name, string? value, string error)
    {
        var client = await fixture.NewPublicClientAsync();

        var callback = await ErrorRedirectAsync(Url(client.ClientId, (name, value)));

        Assert.Equal(error, callback["error"]);
        Assert.False(callback.ContainsKey("code"));
    }

    [Theory]
    [InlineData("resource", TestFlow.Resource, "invalid_target")]
    [InlineData("resource", ServerFixture.OtherResource, "invalid_target")]
    [InlineData("state", "st-2", "invalid_request")]
    [InlineData("code_challenge", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "invalid_request")]
    [InlineData("scope", "tools.call", "invalid_request")]
    public async Task RepeatedParameter_IsRefused(string name, string value, string error)
    {
        var client = await fixture.NewPublicClientAsync();

        var callback = await ErrorRedirectAsync(Url(client.ClientId) + "&" + name + "=" + Uri.EscapeDataString(value));

        Assert.Equal(error, callback["error"]);
    }

    [Fact]
    public async Task ClientWithoutAuthorizationCodeGrant_GetsUnauthorizedClient()
    {
        var (client, _) = await fixture.Server.AddConfidentialClientAsync(TestFlow.Redirect, "tools.read", GrantTypes.ClientCredentials);

        var callback = await ErrorRedirectAsync(Url(client.ClientId));

        Assert.Equal("unauthorized_client", callback["error"]);
    }

    [Fact]
    public async Task ErrorWithoutState_HasIssButNoState()
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await OAuthHttp.Client.GetAsync(Url(client.ClientId, ("state", null), ("code_challenge", null)));

        var callback = QueryParameters.Of(response.Headers.Location!);
        Assert.Equal("invalid_request", callback["error"]);
        Assert.Equal(fixture.Issuer, callback["iss"]);
        Assert.False(callback.ContainsKey("state"));
    }

    private string Url(string clientId, params (string Name, string? Value)[] changes)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = TestFlow.Redirect,
            ["code_challenge"] = Pkce.Challenge,
            ["code_challenge_method"] = "S256",
            ["resource"] = TestFlow.Resource,
            ["scope"] = "tools.read",
            ["state"] = "st-1",
        };
        foreach (var (name, value) in changes)
        {
            parameters[name] = value;
        }

        return QueryParameters.Build(fixture.Issuer + "/authorize", parameters.Select(p => (p.Key, p.Value)).ToArray());
    }

    private async Task<Dictionary<string, string>> ErrorRedirectAsync(string url)
    {
        var response = await OAuthHttp.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(TestFlow.Redirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var callback = QueryParameters.Of(response.Headers.Location!);
        Assert.Equal(fixture.Issuer, callback["iss"]);
        Assert.Equal("st-1", callback["state"]);
        return callback;
    }
}
