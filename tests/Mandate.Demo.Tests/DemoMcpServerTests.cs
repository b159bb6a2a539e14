using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mandate.Demo.Tests;

/// <summary>The demo notes server on its own, through the MCP C# SDK's client: the key, the annotations, the tools.</summary>
public sealed class DemoMcpServerTests
{
    [Fact]
    public async Task Server_ListensOnLoopbackOnly_AndRefusesRequestsWithoutItsKeyOrWithACallersToken()
    {
        await using var server = await DemoMcpServer.StartAsync(TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/mcp$", server.Url);
        Assert.True(server.Key.Length >= 43, "a 256-bit key");

        using var http = new HttpClient();
        foreach (var key in new string?[] { null, "wrong", server.Key + "x" })
        {
            using var request = Initialize(server.Url);
            if (key is not null)
            {
                request.Headers.Add(DemoMcpServer.KeyHeader, key);
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var withToken = Initialize(server.Url);
        withToken.Headers.Add(DemoMcpServer.KeyHeader, server.Key);
        withToken.Headers.Add("Authorization", "Bearer a-callers-token");
        using var refused = await http.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var keyed = Initialize(server.Url);
        keyed.Headers.Add(DemoMcpServer.KeyHeader, server.Key);
        using var ok = await http.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Tools_CarryTheAnnotationsTheirLevelsComeFrom()
    {
        await using var server = await DemoMcpServer.StartAsync(TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        await using var client = await ConnectAsync(server);

        var tools = (await client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations);

        Assert.Equal(["create_note", "delete_note", "list_notes", "read_note", "update_note"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.All(["list_notes", "read_note"], name => Assert.True(tools[name]?.ReadOnlyHint));
        Assert.All(["create_note", "update_note"], name =>
        {
            Assert.False(tools[name]?.ReadOnlyHint);
            Assert.False(tools[name]?.DestructiveHint);
        });
        Assert.False(tools["delete_note"]?.ReadOnlyHint);
        Assert.True(tools["delete_note"]?.DestructiveHint);
    }

    [Fact]
    public async Task Notes_StartWithTwoWelcomeNotes_AndCanBeCreatedUpdatedAndDeleted()
    {
        await using var server = await DemoMcpServer.StartAsync(TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        await using var client = await ConnectAsync(server);

        var list = await CallAsync(client, "list_notes", []);
        Assert.Equal(["note-1", "note-2"], list.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal("Welcome to Mandate", (await CallAsync(client, "read_note", new() { ["id"] = "note-1" })).GetProperty("title").GetString());

        var created = await CallAsync(client, "create_note", new() { ["title"] = "Groceries", ["body"] = "eggs" });
        Assert.Equal("note-3", created.GetProperty("id").GetString());
        var updated = await CallAsync(client, "update_note", new() { ["id"] = "note-3", ["body"] = "eggs, milk" });
        Assert.Equal("Groceries", updated.GetProperty("title").GetString());
        Assert.Equal("eggs, milk", updated.GetProperty("body").GetString());

        var deleted = await client.CallToolAsync("delete_note", new Dictionary<string, object?> { ["id"] = "note-3" });
        Assert.NotEqual(true, deleted.IsError);
        var missing = await client.CallToolAsync("read_note", new Dictionary<string, object?> { ["id"] = "note-3" });
        Assert.True(missing.IsError);
        Assert.Contains("no note note-3", Text(missing), StringComparison.Ordinal);
        Assert.Equal(2, server.Notes.List().Count);
    }

    private static HttpRequestMessage Initialize(string url) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
            Encoding.UTF8,
            "application/json"),
        Headers = { { "Accept", "application/json, text/event-stream" } },
    };

    private static Task<McpClient> ConnectAsync(DemoMcpServer server) => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = new Uri(server.Url),
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = new Dictionary<string, string> { [DemoMcpServer.KeyHeader] = server.Key },
    }));

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        Assert.NotEqual(true, result.IsError);
        using var document = JsonDocument.Parse(Text(result));
        return document.RootElement.Clone();
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
