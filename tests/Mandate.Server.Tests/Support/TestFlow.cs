using System.Net;
using System.Text.Json;
using Mandate.Testing;

namespace Mandate.Server.Tests.Support;

/// <summary>The authorization code flow in steps: build the URL, walk the browser through it, redeem the code.</summary>
public static class TestFlow
{
    public const string Redirect = "http://127.0.0.1:9/callback";
    public const string Resource = "https://mcp.example.com/mcp";

    public static string AuthorizeUrl(string issuer, string clientId, PkcePair pkce, string? scope = "tools.read", string resource = Resource, string redirect = Redirect, string state = "st-1", params (string Name, string? Value)[] extra) =>
        QueryParameters.Build(
            issuer + "/authorize",
            [("response_type", "code"), ("client_id", clientId), ("redirect_uri", redirect), ("code_challenge", pkce.Challenge),
                ("code_challenge_method", "S256"), ("resource", resource), ("scope", scope), ("state", state), .. extra]);

    /// <summary>Walks login and consent (as alice) and returns the code from the callback.</summary>
    public static async Task<string> GetCodeAsync(BrowserSession browser, string authorizeUrl, string redirect = Redirect, string decision = "allow")
    {
        var response = await browser.AuthorizeAsync(authorizeUrl, redirect, "alice", MandateTestServer.Password, decision);
        var callback = Callback(response);
        return callback.TryGetValue("code", out var code) ? code : throw new InvalidOperationException("No code: " + string.Join(", ", callback));
    }

    public static Dictionary<string, string> Callback(HttpResponseMessage response)
    {
        if (!BrowserSession.IsRedirect(response))
        {
            throw new InvalidOperationException($"Expected a redirect to the client, got {(int)response.StatusCode}.");
        }

        return QueryParameters.Of(response.Headers.Location!);
    }

    public static Task<HttpResponseMessage> RedeemAsync(string issuer, string code, PkcePair pkce, string clientId, string? secret = null, string redirect = Redirect)
    {
        var fields = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", pkce.Verifier) };
        if (secret is null)
        {
            fields.Add(("client_id", clientId));
        }

        return OAuthHttp.PostFormAsync(issuer + "/token", fields, secret is null ? null : OAuthHttp.Basic(clientId, secret));
    }

    /// <summary>The whole flow (in a fresh browser unless one is given): returns the token response body.</summary>
    public static async Task<JsonElement> TokensAsync(string issuer, string clientId, string? secret = null, string? scope = "tools.read", string resource = Resource, BrowserSession? browser = null)
    {
        using var own = browser is null ? new BrowserSession() : null;
        browser ??= own!;
        var pkce = PkcePair.Create();
        var code = await GetCodeAsync(browser, AuthorizeUrl(issuer, clientId, pkce, scope, resource));
        var response = await RedeemAsync(issuer, code, pkce, clientId, secret);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("Token request failed: " + await response.Content.ReadAsStringAsync());
        }

        return await OAuthHttp.JsonAsync(response);
    }
}
