using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Middleware state for fake upstreams: every request they received, in order.</summary>
public sealed class RequestRecorder
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> Requests => requests.ToList();

    public async Task RecordAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        requests.Enqueue(new RecordedRequest(context.Request.Method, headers, body));
    }

    public int CountToolCalls(string tool) => Requests.Count(r => r.IsToolCall(tool));
}
