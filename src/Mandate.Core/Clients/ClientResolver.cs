using System.Collections.Concurrent;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Clients;

/// <summary>
/// Finds the client behind a client_id: a metadata document URL, or a stored client. Stored clients are cached for
/// two seconds, so a client removed with the CLI stops working within that time without a restart.
/// </summary>
public sealed class ClientResolver(IClientStore store, ClientIdMetadataDocuments documents, TimeProvider time)
{
    private static readonly TimeSpan StoreCacheTtl = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (OAuthClient? Client, DateTimeOffset ExpiresAt)> cache = new(StringComparer.Ordinal);

    public async Task<ClientValidationResult> ResolveAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 2048)
        {
            return new ClientValidationResult(null, OAuthError.InvalidClient("Unknown client."));
        }

        if (documents.IsMetadataDocumentId(clientId))
        {
            return await documents.ResolveAsync(clientId, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (!cache.TryGetValue(clientId, out var entry) || entry.ExpiresAt <= now)
        {
            entry = (await store.FindAsync(clientId, cancellationToken), now + StoreCacheTtl);
            if (cache.Count > 10_000)
            {
                cache.Clear();
            }

            cache[clientId] = entry;
        }

        return entry.Client is null
            ? new ClientValidationResult(null, OAuthError.InvalidClient("Unknown client."))
            : new ClientValidationResult(entry.Client, null);
    }
}
