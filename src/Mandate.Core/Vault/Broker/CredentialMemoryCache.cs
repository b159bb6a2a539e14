using System.Collections.Concurrent;

namespace Mandate.Core.Vault.Broker;

/// <summary>
/// Decrypted credentials in process memory only, each until the earlier of its own staleness and the configured bound
/// (Vault:CredentialCacheLifetime). Connect, disconnect and refresh in this process drop the entry at once; other
/// instances see the change when their entry runs out.
/// </summary>
public sealed class CredentialMemoryCache
{
    private readonly ConcurrentDictionary<(string UserId, string Connector), (BrokeredCredential Credential, DateTimeOffset Until)> entries = new();

    public BrokeredCredential? Get(string userId, string connector, DateTimeOffset now)
    {
        if (!entries.TryGetValue((userId, connector), out var entry))
        {
            return null;
        }

        if (entry.Until > now)
        {
            return entry.Credential;
        }

        entries.TryRemove(new KeyValuePair<(string, string), (BrokeredCredential, DateTimeOffset)>((userId, connector), entry));
        return null;
    }

    public void Set(string userId, string connector, BrokeredCredential credential, DateTimeOffset until) => entries[(userId, connector)] = (credential, until);

    public void Invalidate(string userId, string connector) => entries.TryRemove((userId, connector), out _);

    public int Count => entries.Count;
}
