using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// Asks an upstream for its tools when a call names a tool the catalog has never seen: one fetch per upstream at a
/// time, which every concurrent caller awaits (so a burst of first calls is decided on the real levels, not refused as
/// unknown while one of them fetches), and at most one every five seconds per upstream (so a caller inventing tool
/// names cannot make the gateway hammer the upstream).
/// </summary>
public sealed class ToolListFetches(IToolCatalog catalog, IUpstreamToolSource toolSource, TimeProvider time, ILogger<GatewayAuthorizer> logger)
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Task<IReadOnlyDictionary<string, PermissionLevel>?>> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lastStarted = new(StringComparer.Ordinal);

    /// <summary>The levels of the upstream's tools from a fresh or in-flight fetch; null when none may start now or it failed.</summary>
    public Task<IReadOnlyDictionary<string, PermissionLevel>?> FetchAsync(Upstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        lock (gate)
        {
            if (running.TryGetValue(upstream.Name, out var inFlight))
            {
                return inFlight;
            }

            var now = time.GetTimestamp();
            if (lastStarted.TryGetValue(upstream.Name, out var last) && time.GetElapsedTime(last, now) < Cooldown)
            {
                return Task.FromResult<IReadOnlyDictionary<string, PermissionLevel>?>(null);
            }

            if (lastStarted.Count > 10_000)
            {
                lastStarted.Clear();
            }

            lastStarted[upstream.Name] = now;
            var fetch = RunAsync(upstream);
            if (!fetch.IsCompleted)
            {
                running[upstream.Name] = fetch;
            }

            return fetch;
        }
    }

    private async Task<IReadOnlyDictionary<string, PermissionLevel>?> RunAsync(Upstream upstream)
    {
        try
        {
            // Not the first caller's token: others are waiting on this fetch, and the tool source has its own timeout.
            var tools = await toolSource.ListToolsAsync(upstream, CancellationToken.None);
            return await catalog.ReconcileAsync(upstream, tools, CancellationToken.None);
        }
        catch (Exception ex) when (ex is UpstreamToolSourceException or HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException or TaskCanceledException)
        {
            AuthorizationLog.ToolFetchFailed(logger, upstream.Name, ex.GetType().Name);
            return null;
        }
        finally
        {
            lock (gate)
            {
                running.Remove(upstream.Name);
            }
        }
    }
}
