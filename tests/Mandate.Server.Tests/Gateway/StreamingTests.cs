using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Gateway.Support;
using ModelContextProtocol.Client;

namespace Mandate.Server.Tests.Gateway;

/// <summary>Event streams go through event by event: progress of a long tool reaches the client while the tool still runs.</summary>
public sealed class StreamingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Steps = 4;
    private const int DelayMs = 400;

    [Theory]
    [InlineData("notes")]
    [InlineData("stateless")]
    public async Task LongTool_ProgressArrivesBeforeTheResult_NotBuffered(string upstream)
    {
        var token = fixture.Token(upstream).Token;
        var sessionId = upstream == "notes" ? await McpHttp.InitializeAsync(fixture.Endpoint(upstream), token) : null;
        var call = McpHttp.Message(5, "tools/call", new
        {
            name = "slow_count",
            arguments = new { steps = Steps, delayMs = DelayMs },
            _meta = new { progressToken = "p-5" },
        });

        var clock = Stopwatch.StartNew();
        using var response = await McpHttp.PostAsync(fixture.Endpoint(upstream), token, call, sessionId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await SseEvents.ReadAllAsync(response, clock)).Where(e => !string.IsNullOrEmpty(e.Data)).ToList();

        var messages = events.Select(e => (Event: e, Json: JsonDocument.Parse(e.Data!).RootElement)).ToList();
        var progress = messages.Where(m => m.Json.TryGetProperty("method", out var method) && method.GetString() == "notifications/progress").ToList();
        var result = messages.Single(m => m.Json.TryGetProperty("id", out var id) && id.GetInt32() == 5);
        Assert.Equal(Steps, progress.Count);
        Assert.All(progress, p => Assert.True(p.Event.ArrivedAfter < result.Event.ArrivedAfter));
        Assert.Equal($"counted to {Steps}", result.Json.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());

        // Buffered, every event would arrive together at the end; streamed, the first progress comes a whole run earlier.
        Assert.True(result.Event.ArrivedAfter - progress[0].Event.ArrivedAfter >= TimeSpan.FromMilliseconds(DelayMs * (Steps - 1) * 0.8), $"first progress at {progress[0].Event.ArrivedAfter}, result at {result.Event.ArrivedAfter}");
    }

    [Theory]
    [InlineData(null, "stateless")]
    [InlineData("2025-11-25", "notes")]
    public async Task SdkClient_ThroughTheGateway_SeesFilteredToolsAndProgress(string? protocolVersion, string upstream)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(fixture.Endpoint(upstream)),
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + fixture.Token(upstream, "mcp:read").Token },
        });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });

        var tools = await client.ListToolsAsync();
        var progress = new RecordingProgress();
        var result = await client.CallToolAsync("slow_count", new Dictionary<string, object?> { ["steps"] = 3, ["delayMs"] = 50 }, progress);

        Assert.Equal(["read_note", "slow_count"], tools.Select(t => t.Name).Order());
        Assert.Equal("counted to 3", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(result.Content.Single()).Text);
        Assert.Equal(3, progress.Values.Count);
    }

}
