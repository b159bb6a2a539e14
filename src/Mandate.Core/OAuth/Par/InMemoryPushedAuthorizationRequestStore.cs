using System.Collections.Concurrent;
using Mandate.Core.Security;
using Mandate.Core.Tokens;

namespace Mandate.Core.OAuth.Par;

/// <summary>Pushed requests in a concurrent dictionary keyed by the request_uri's hash; expired ones are swept as new ones arrive.</summary>
public sealed class InMemoryPushedAuthorizationRequestStore(TimeProvider time) : IPushedAuthorizationRequestStore
{
    public const string Prefix = "urn:ietf:params:oauth:request_uri:";
    private const int MaxRequestUriLength = 256;
    private readonly ConcurrentDictionary<string, PushedAuthorizationRequest> entries = new(StringComparer.Ordinal);
    private long lastSweepTicks;

    public Task<string> StoreAsync(PushedAuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SweepIfDue();
        var requestUri = Prefix + RandomTokens.Create(32);
        entries[TokenHashing.Hash(requestUri)] = request;
        return Task.FromResult(requestUri);
    }

    public Task<PushedAuthorizationRequest?> FindAsync(string requestUri, CancellationToken cancellationToken) =>
        Task.FromResult(IsWellFormed(requestUri) && entries.TryGetValue(TokenHashing.Hash(requestUri), out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry : null);

    public Task<PushedAuthorizationRequest?> ConsumeAsync(string requestUri, CancellationToken cancellationToken) =>
        Task.FromResult(IsWellFormed(requestUri) && entries.TryRemove(TokenHashing.Hash(requestUri), out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry : null);

    private static bool IsWellFormed(string? requestUri) =>
        requestUri is { Length: <= MaxRequestUriLength } && requestUri.StartsWith(Prefix, StringComparison.Ordinal);

    private void SweepIfDue()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.FromSeconds(30).Ticks || Interlocked.CompareExchange(ref lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }
}
