namespace Mandate.LoadHarness.Load;

/// <summary>Sends one tools/call before any load and fails fast unless it returns a JSON-RPC result.</summary>
internal static class McpCallProbe
{
    public static async Task<ProbeResult> RunAsync(HttpClient client, IRequestSource source, CancellationToken cancellationToken)
    {
        using var request = source.NextRequest() ?? throw new InvalidOperationException("no request to probe with");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (await McpResultCheck.Instance.FailureAsync(response, cancellationToken) is { } failure)
            {
                throw new InvalidOperationException($"probe failed: {failure}");
            }

            var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
            var sessionId = response.Headers.TryGetValues("Mcp-Session-Id", out _) ? ", Mcp-Session-Id set" : string.Empty;
            return new ProbeResult($"JSON-RPC result as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}{sessionId}", bytes);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"probe failed: {exception.Message}", exception);
        }
    }
}
