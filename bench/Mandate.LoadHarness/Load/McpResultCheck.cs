using System.Net;
using System.Text;

namespace Mandate.LoadHarness.Load;

/// <summary>mcp-call: a success is a 200 whose body (JSON, or the SSE event that answers) is a JSON-RPC result.</summary>
internal sealed class McpResultCheck : IResponseCheck
{
    public static McpResultCheck Instance { get; } = new();

    public async Task<string?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}";
        }

        return JsonRpcResponseBody.FindFailure(body, response.Content.Headers.ContentType?.MediaType) is { } failure
            ? $"{failure}: {Encoding.UTF8.GetString(body)}"
            : null;
    }
}
