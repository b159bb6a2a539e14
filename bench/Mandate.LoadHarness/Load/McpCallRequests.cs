using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

/// <summary>
/// Endless identical Streamable HTTP POSTs of one JSON-RPC tools/call (no initialize: the upstream is stateless, and
/// a session id, if one is needed, comes in the target's headers). The body is encoded once.
/// </summary>
internal sealed class McpCallRequests : IRequestSource
{
    private readonly Uri _url;
    private readonly byte[] _body;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly KeyValuePair<string, string>[] _headers;

    public McpCallRequests(McpTargetDescription target)
    {
        _url = target.McpUrl;
        _body = EncodeCall(target);
        _authorization = target.ReadBearerToken() is { Length: > 0 } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        _headers =
        [
            new("Accept", "application/json, text/event-stream"),
            new("MCP-Protocol-Version", target.ProtocolVersion ?? "2025-11-25"),
            .. target.Headers ?? new Dictionary<string, string>(),
        ];
    }

    public HttpRequestMessage? NextRequest()
    {
        var content = new ReadOnlyMemoryContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = content };
        request.Headers.Authorization = _authorization;
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static byte[] EncodeCall(McpTargetDescription target)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WriteNumber("id", 1);
            json.WriteString("method", "tools/call");
            json.WriteStartObject("params");
            json.WriteString("name", target.Tool ?? "echo");
            json.WritePropertyName("arguments");
            if (target.Arguments is { } arguments)
            {
                arguments.WriteTo(json);
            }
            else
            {
                json.WriteStartObject();
                json.WriteString("text", "hi");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
