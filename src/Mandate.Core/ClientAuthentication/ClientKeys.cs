using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Fetching;
using Mandate.Protocol.Jose;

namespace Mandate.Core.ClientAuthentication;

/// <summary>
/// A client's public keys, from its inline jwks or its jwks_uri (fetched through the SSRF guard, cached for five
/// minutes, fetched again at most once a minute on an unknown kid).
/// </summary>
public sealed class ClientKeys(IOutboundFetcher fetcher, TimeProvider time)
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRefetch = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset FetchedAt)> fetched = new(StringComparer.Ordinal);

    public async Task<JwsKey?> FindAsync(OAuthClient client, string? keyId, string? algorithm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (algorithm is null)
        {
            return null;
        }

        if (client.Jwks is not null)
        {
            return Select(client.Jwks, keyId, algorithm);
        }

        if (client.JwksUri is null || !Uri.TryCreate(client.JwksUri, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var hasCached = fetched.TryGetValue(client.JwksUri, out var cached);
        var key = hasCached && now - cached.FetchedAt < CacheTtl ? Select(cached.Json, keyId, algorithm) : null;
        if (key is not null || (hasCached && now - cached.FetchedAt < MinRefetch))
        {
            return key;
        }

        var result = await fetcher.FetchAsync(uri, "application/jwk-set+json, application/json", 64 * 1024, cancellationToken);
        if (!result.Success || result.Body is null)
        {
            return null;
        }

        var json = System.Text.Encoding.UTF8.GetString(result.Body);
        if (fetched.Count >= 1024)
        {
            fetched.Clear();
        }

        fetched[client.JwksUri] = (json, now);
        return Select(json, keyId, algorithm);
    }

    private static JwsKey? Select(string jwksJson, string? keyId, string algorithm)
    {
        try
        {
            using var document = JsonDocument.Parse(jwksJson);
            if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var jwk in keys.EnumerateArray())
            {
                var kid = Protocol.Json.JsonMembers.GetString(jwk, "kid");
                if (keyId is not null && kid != keyId)
                {
                    continue;
                }

                if (JwkReader.Read(jwk, algorithm) is { } key && key.Algorithm == algorithm)
                {
                    return key;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
