using Mandate.Core.Gateway;
using Mandate.Demo;
using Mandate.Testing;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// The official MCP C# SDK client (HttpClientTransport with ClientOAuthOptions) through the gateway to the demo
/// upstream. Its authorization callback is a person with a browser (BrowserSession): sign in, allow, hand back the
/// code, state and iss from the redirect.
/// </summary>
public sealed class GatewayCSharpSdkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DemoUpstream_Dcr_ReadScopeSeesReadTools_SdkStepsUpForDelete()
    {
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        using var browser = new BrowserSession();
        var authorizations = new List<(Uri Request, IReadOnlyList<string> Pages)>();
        var redirectUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/callback");
        var oauth = new ClientOAuthOptions
        {
            RedirectUri = redirectUri,
            DynamicClientRegistration = new() { ClientName = "Mandate interop gateway client (C# SDK)" },
            AuthorizationCallbackHandler = async (context, cancellationToken) =>
            {
                using var response = await browser.AuthorizeAsync(context.AuthorizationUri.AbsoluteUri, context.RedirectUri.AbsoluteUri, "alice", MandateTestServer.Password);
                authorizations.Add((context.AuthorizationUri, [.. browser.PagesSeen]));
                Assert.True(BrowserSession.IsRedirect(response), $"the authorization ended on {(int)response.StatusCode}");
                var location = response.Headers.Location!;
                var callback = QueryParameters.Of(location);
                Assert.False(callback.ContainsKey("error"), location.ToString());
                return new AuthorizationResult { Code = callback["code"], State = callback.GetValueOrDefault("state"), Iss = callback.GetValueOrDefault("iss") };
            },
        };
        using var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(demo.GatewayUrl), TransportMode = HttpTransportMode.StreamableHttp, OAuth = oauth },
            http);

        await using var client = await McpClient.CreateAsync(transport);
        var readTools = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var read = await client.CallToolAsync("read_note", new Dictionary<string, object?> { ["id"] = "note-1" });
        var delete = await client.CallToolAsync("delete_note", new Dictionary<string, object?> { ["id"] = "note-2" });
        var allTools = (await client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        output.WriteLine(string.Join('\n', recorder.Flow));

        var gatewayPath = new Uri(demo.GatewayUrl).AbsolutePath;
        Assert.Equal($"POST {gatewayPath} 401", recorder.Flow[0]);
        Assert.Equal(["list_notes", "read_note"], readTools);
        Assert.NotEqual(true, read.IsError);
        Assert.Contains("Welcome to Mandate", Assert.IsType<TextContentBlock>(Assert.Single(read.Content)).Text, StringComparison.Ordinal);

        // The SDK met 403 insufficient_scope, authorized again for the full set, and retried the same call.
        Assert.Contains($"POST {gatewayPath} 403", recorder.Flow);
        Assert.Contains("POST /register 201", recorder.Flow);
        Assert.Equal(2, recorder.Flow.Count(step => step == "POST /token 200")); // two code exchanges, no refresh
        var stepUp = Assert.Single(recorder.Challenges, c => c.Parameter?.Contains("insufficient_scope", StringComparison.Ordinal) == true);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", stepUp.Parameter, StringComparison.Ordinal);
        Assert.NotEqual(true, delete.IsError);
        Assert.Equal(["create_note", "delete_note", "list_notes", "read_note", "update_note"], allTools);
        Assert.Null(demo.Server.Notes.Find("note-2"));

        Assert.Equal(2, authorizations.Count);
        var first = QueryParameters.Of(authorizations[0].Request);
        var second = QueryParameters.Of(authorizations[1].Request);
        Assert.Equal(demo.GatewayUrl, first["resource"]);
        Assert.Equal(demo.GatewayUrl, second["resource"]);
        Assert.Equal([GatewayScopes.Read], first["scope"].Split(' ').Where(s => s.StartsWith("mcp:", StringComparison.Ordinal)));
        Assert.Equal(GatewayScopes.All.Order(StringComparer.Ordinal), second["scope"].Split(' ').Where(s => s.StartsWith("mcp:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["login", "consent"], authorizations[0].Pages);
        Assert.Equal(["consent"], authorizations[1].Pages);
        await GatewayFlowAssert.AuditedAsync(server, DemoUpstream.Name, "read_note", "delete_note");
    }
}
