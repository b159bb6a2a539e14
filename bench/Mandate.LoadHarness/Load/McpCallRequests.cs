using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.LoadHarness.Targets;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.LoadHarness.Load;

/// <summary>
/// Endless identical Streamable HTTP POSTs of one JSON-RPC tools/call (no initialize: the upstream is stateless, and
/// a session id, if one is needed, comes in the target's headers). The body is encoded once. With several bearer tokens
/// (one a line in the token file), the requests take them in turn.
/// </summary>
#pragma warning disable CA1001 // The proof builders live as long as the harness process; nothing to release earlier.
internal sealed class McpCallRequests : IRequestSource
#pragma warning restore CA1001
{
    private readonly Uri _url;
    private readonly byte[] _body;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly AuthenticationHeaderValue[] _rotation;
    private int _next = -1;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly string? _token;
    private readonly ThreadLocal<DpopProofBuilder>? _proofs;

    public McpCallRequests(McpTargetDescription target)
    {
        _url = target.McpUrl;
        _body = EncodeCall(target);
        _token = target.ReadBearerToken() is { Length: > 0 } token ? token : null;
        if (target.DpopKeyFile is { } keyFile && _token is not null)
        {
            // One key object per worker thread: signing is not shared across threads.
            var jwk = File.ReadAllText(keyFile);
            _proofs = new ThreadLocal<DpopProofBuilder>(() => new DpopProofBuilder(ReadKey(jwk)));
            _authorization = new AuthenticationHeaderValue(DpopConstants.Scheme, _token);
        }
        else
        {
            _authorization = _token is null ? null : new AuthenticationHeaderValue("Bearer", _token);
        }

        var tokens = target.ReadBearerTokens();
        _rotation = _proofs is null && tokens.Count > 1 ? [.. tokens.Select(t => new AuthenticationHeaderValue("Bearer", t))] : [];

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
        request.Headers.Authorization = _rotation.Length > 0
            ? _rotation[(int)((uint)Interlocked.Increment(ref _next) % (uint)_rotation.Length)]
            : _authorization;
        if (_proofs is not null)
        {
            request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, _proofs.Value!.Create("POST", _url.AbsoluteUri, _token));
        }

        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static JwsKey ReadKey(string jwk)
    {
        using var document = JsonDocument.Parse(jwk);
        return JwkReader.Read(document.RootElement) ?? throw new InvalidOperationException("dpop_key_file is not a private JWK Mandate can sign with.");
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
