using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Vault.Connect;

/// <summary>
/// Connect flows in process memory, keyed by the SHA-256 of <c>state</c>. Several instances behind a load balancer need
/// sticky sessions for the few minutes of a connect flow (docs/vault.md), like authorization codes.
/// </summary>
public sealed class InMemoryConnectFlowStore : IConnectFlowStore
{
    private const int MaxPending = 10_000;
    private readonly ConcurrentDictionary<string, PendingConnect> pending = new(StringComparer.Ordinal);

    public void Add(string state, PendingConnect value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (pending.Count >= MaxPending)
        {
            RemoveExpired(now);
            foreach (var oldest in pending.OrderBy(p => p.Value.ExpiresAt).Take(pending.Count - MaxPending + 1).Select(p => p.Key).ToList())
            {
                pending.TryRemove(oldest, out _);
            }
        }

        pending[Key(state)] = value;
    }

    public PendingConnect? Take(string state, DateTimeOffset now)
    {
        RemoveExpired(now);
        return pending.TryRemove(Key(state), out var value) && value.ExpiresAt > now ? value : null;
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var expired in pending.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList())
        {
            pending.TryRemove(expired, out _);
        }
    }

    private static string Key(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
