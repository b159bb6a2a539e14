using System.Collections.Concurrent;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// Verified tokens by the SHA-256 of the token (never the token itself), each kept until the token expires. Bounded:
/// when full, expired entries go first and, if that is not enough, everything (the next calls verify again).
/// </summary>
public sealed class ValidatedTokenCache(int capacity)
{
    private readonly ConcurrentDictionary<TokenDigest, CachedToken> entries = new();

    public CachedToken? Find(TokenDigest tokenHash, DateTimeOffset now)
    {
        if (!entries.TryGetValue(tokenHash, out var entry))
        {
            return null;
        }

        if (entry.Token.Claims.ExpiresAt > now)
        {
            return entry;
        }

        entries.TryRemove(tokenHash, out _);
        return null;
    }

    public CachedToken Add(TokenDigest tokenHash, GatewayToken token, DateTimeOffset now)
    {
        var entry = new CachedToken(token);
        if (capacity <= 0)
        {
            return entry;
        }

        if (entries.Count >= capacity)
        {
            foreach (var expired in entries.Where(e => e.Value.Token.Claims.ExpiresAt <= now).Select(e => e.Key).ToList())
            {
                entries.TryRemove(expired, out _);
            }

            if (entries.Count >= capacity)
            {
                entries.Clear();
            }
        }

        return entries.GetOrAdd(tokenHash, entry);
    }
}
