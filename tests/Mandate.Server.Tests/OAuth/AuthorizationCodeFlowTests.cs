using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth;

public sealed class AuthorizationCodeFlowTests
{
    private const string Redirect = "http://127.0.0.1:9/callback";
    private const string Resource = "https://mcp.example.com/mcp";

    [Fact]
    public async Task CodeFlow_WithPkce_IssuesAccessAndRotatingRefreshTokens()
    {
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await server.AddResourceAsync(Resource, "tools.read", "tools.call");
        var (client, _) = await server.AddPublicClientAsync(Redirect);
        var pkce = PkcePair.Create();
        using var browser = new BrowserSession();

        var response = await browser.AuthorizeAsync(
            QueryParameters.Build(server.Issuer + "/authorize", ("response_type", "code"), ("client_id", client.ClientId), ("redirect_uri", Redirect),
                ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"), ("resource", Resource), ("scope", "tools.read"), ("state", "xyz")),
            Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(["login", "consent"], browser.PagesSeen);
        var callback = QueryParameters.Of(response.Headers.Location!);
        Assert.Equal("xyz", callback["state"]);
        Assert.Equal(server.Issuer, callback["iss"]);

        using var http = new HttpClient();
        var token = await http.PostAsync(server.Issuer + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"],
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = pkce.Verifier,
            ["client_id"] = client.ClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("tools.read", body.GetProperty("scope").GetString());
        var refresh = body.GetProperty("refresh_token").GetString()!;

        var refreshed = await http.PostAsync(server.Issuer + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh,
            ["client_id"] = client.ClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var rotated = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString();
        Assert.NotEqual(refresh, rotated);
    }
}
