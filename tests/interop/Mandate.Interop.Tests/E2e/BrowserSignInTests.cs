using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.E2e;

/// <summary>
/// A real browser (Playwright driving Debian's Chromium, tests/e2e/signin.mjs) through the login and consent pages;
/// the code it brings back is then redeemed with the PKCE verifier, proving it is a real one.
/// </summary>
public sealed class BrowserSignInTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";
    private const string ClientName = "Browser Test Client";

    [Fact]
    public async Task Chromium_SignsIn_Consents_AndLandsOnTheRedirectUriWithARealCode()
    {
        var e2e = RepoPaths.RequireNodeModules(RepoPaths.E2e);
        RepoPaths.RequireChromium();
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync("alice");
        await server.AddResourceAsync(Resource, "tools.read", "tools.call");
        var redirectUri = $"http://127.0.0.1:{FreePort.Next()}/callback";
        var (client, _) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = ClientName,
            RedirectUris = [redirectUri],
            GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.None,
        });
        var pkce = PkcePair.Create();
        var state = Guid.NewGuid().ToString("N");
        var authorizeUrl = QueryParameters.Build(server.Issuer + "/authorize", ("response_type", "code"), ("client_id", client.ClientId),
            ("redirect_uri", redirectUri), ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"), ("resource", Resource),
            ("scope", "tools.read tools.call"), ("state", state));

        var run = await NodeScript.RunAsync(e2e, "signin.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["AUTHORIZE_URL"] = authorizeUrl,
            ["REDIRECT_URI"] = redirectUri,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_NAME"] = ClientName,
            ["CHROMIUM_PATH"] = RepoPaths.Chromium,
        });
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(result, "ok"));
        Assert.Equal(state, JsonAssert.Text(result, "state"));
        Assert.Equal(server.Issuer, JsonAssert.Text(result, "iss"));
        Assert.Equal(redirectUri, JsonAssert.Text(result, "redirect_uri_reached"));
        Assert.Equal("Signed in", JsonAssert.Text(result, "landed_page_title"));
        Assert.True(JsonAssert.Number(result, "consent_stylesheets") >= 1, "the consent page's stylesheet did not load (CSP?)");
        var consoleErrors = JsonAssert.Texts(result, "console_errors");
        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join('\n', consoleErrors));
        var screenshot = JsonAssert.Text(result, "consent_screenshot");
        output.WriteLine("Consent page screenshot: " + screenshot);
        Assert.True(File.Exists(screenshot), screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(screenshot)[..4]);

        using var http = new HttpClient();
        using var response = await http.PostAsync(server.Issuer + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = JsonAssert.Text(result, "code"),
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = pkce.Verifier,
            ["client_id"] = client.ClientId,
            ["resource"] = Resource,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Bearer", JsonAssert.Text(body, "token_type"));
        Assert.Equal("tools.read tools.call", JsonAssert.Text(body, "scope"));
        Assert.False(string.IsNullOrEmpty(JsonAssert.Text(body, "access_token")));
        Assert.False(string.IsNullOrEmpty(JsonAssert.Text(body, "refresh_token")));
    }
}
