using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.Core.Gateway;

namespace Mandate.Server.Gateway.Upstreams;

/// <summary>One Streamable HTTP session with an upstream, as the gateway's own client: its headers, session ID and protocol version.</summary>
internal sealed class UpstreamSession(HttpClient http, Upstream upstream, long maxResponseBytes)
{
    public const string SessionHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    private long nextId;

    public string? SessionId { get; private set; }

    public string? ProtocolVersion { get; set; }

    /// <summary>Sends a request and returns its result; a JSON-RPC error, an HTTP error or a malformed body throws.</summary>
    public async Task<JsonElement> RequestAsync(string method, Action<Utf8JsonWriter>? writeParams, CancellationToken cancellationToken)
    {
        var id = ++nextId;
        using var request = Post(Body(id, method, writeParams));
        using var response = await SendAsync(request, method, cancellationToken);
        if (SessionId is null && response.Headers.TryGetValues(SessionHeader, out var values))
        {
            SessionId = values.FirstOrDefault();
        }

        return await JsonRpcResponseReader.ReadAsync(response, id, method, upstream.Name, maxResponseBytes, cancellationToken);
    }

    public async Task NotifyAsync(string method, CancellationToken cancellationToken)
    {
        using var request = Post(Body(null, method, null));
        using var response = await SendAsync(request, method, cancellationToken);
    }

    /// <summary>Ends the session (DELETE); servers may answer 405 when clients cannot end sessions, which is fine.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        if (SessionId is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, upstream.Url);
        AddHeaders(request);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private HttpRequestMessage Post(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, upstream.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        AddHeaders(request);
        return request;
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in upstream.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (SessionId is not null)
        {
            request.Headers.TryAddWithoutValidation(SessionHeader, SessionId);
        }

        if (ProtocolVersion is not null)
        {
            request.Headers.TryAddWithoutValidation(ProtocolVersionHeader, ProtocolVersion);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string method, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var code = response.StatusCode;
        var status = (int)code;
        response.Dispose();
        throw status is >= 300 and < 400
            ? new UpstreamToolSourceException($"Upstream '{upstream.Name}' answered {method} with a redirect ({status}); redirects are not followed. Check its URL.")
            : new UpstreamToolSourceException($"Upstream '{upstream.Name}' answered {method} with HTTP {status} ({ReasonOf(code)}).");
    }

    private static string ReasonOf(HttpStatusCode status) => Enum.IsDefined(status) ? status.ToString() : "unknown status";

    private static byte[] Body(long? id, string method, Action<Utf8JsonWriter>? writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            if (id is { } value)
            {
                writer.WriteNumber("id", value);
            }

            writer.WriteString("method", method);
            if (writeParams is not null)
            {
                writer.WriteStartObject("params");
                writeParams(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
