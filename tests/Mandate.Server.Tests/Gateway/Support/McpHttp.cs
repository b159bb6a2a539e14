using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Raw Streamable HTTP as an MCP client sends it, so tests can look at every status, header and event.</summary>
public static class McpHttp
{
    public const string ProtocolVersion = "2025-11-25";

    public static HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public static string Message(object? id, string method, object? parameters = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } });

    public static string Notification(string method) => JsonSerializer.Serialize(new { jsonrpc = "2.0", method });

    public static string Call(object id, string tool, object? arguments = null) =>
        Message(id, "tools/call", new { name = tool, arguments = arguments ?? new { id = "n1" } });

    public static string ListTools(object id) => Message(id, "tools/list");

    public static string Initialize(object id) =>
        Message(id, "initialize", new { protocolVersion = ProtocolVersion, capabilities = new { }, clientInfo = new { name = "gateway-tests", version = "1.0" } });

    public static HttpRequestMessage Request(HttpMethod method, string url, string? token, string? json = null, string? sessionId = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (sessionId is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static Task<HttpResponseMessage> PostAsync(string url, string? token, string json, string? sessionId = null, params (string Name, string Value)[] headers) =>
        Client.SendAsync(Request(HttpMethod.Post, url, token, json, sessionId, headers), HttpCompletionOption.ResponseHeadersRead);

    /// <summary>The JSON-RPC messages of a response, whether it is JSON (one message or a batch) or an event stream.</summary>
    public static async Task<List<JsonElement>> MessagesAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var events = await SseEvents.ReadAllAsync(response);
            return events.Where(e => !string.IsNullOrEmpty(e.Data)).Select(e => JsonDocument.Parse(e.Data!).RootElement.Clone()).ToList();
        }

        var body = await response.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return [];
        }

        var root = JsonDocument.Parse(body).RootElement.Clone();
        return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
    }

    /// <summary>The response to the request with this id (skipping notifications).</summary>
    public static async Task<JsonElement> ResponseAsync(HttpResponseMessage response, object id)
    {
        var messages = await MessagesAsync(response);
        var key = JsonSerializer.Serialize(id);
        return messages.Single(m => m.TryGetProperty("id", out var i) && i.GetRawText() == key && !m.TryGetProperty("method", out _));
    }

    /// <summary>Names of the tools in a tools/list response.</summary>
    public static async Task<List<string>> ToolNamesAsync(HttpResponseMessage response, object id) =>
        (await ResponseAsync(response, id)).GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    /// <summary>initialize + notifications/initialized; returns the session id the gateway handed out.</summary>
    public static async Task<string> InitializeAsync(string url, string token)
    {
        using var response = await PostAsync(url, token, Initialize(0));
        response.EnsureSuccessStatusCode();
        var sessionId = response.Headers.GetValues("Mcp-Session-Id").Single();
        _ = await ResponseAsync(response, 0);
        using var initialized = await PostAsync(url, token, Notification("notifications/initialized"), sessionId);
        initialized.EnsureSuccessStatusCode();
        return sessionId;
    }

    public static async Task<int> ErrorCodeAsync(HttpResponseMessage response)
    {
        var messages = await MessagesAsync(response);
        return messages.Single().GetProperty("error").GetProperty("code").GetInt32();
    }
}
