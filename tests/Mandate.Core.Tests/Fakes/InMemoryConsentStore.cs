using System.Collections.Concurrent;
using Mandate.Core.Consents;

namespace Mandate.Core.Tests.Fakes;

public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly ConcurrentDictionary<(string, string, string), Consent> consents = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> hosts = new(StringComparer.Ordinal);

    public Task<Consent?> FindAsync(string userId, string clientId, string resource, CancellationToken cancellationToken) =>
        Task.FromResult(consents.GetValueOrDefault((userId, clientId, resource)));

    public Task<IReadOnlyList<Consent>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Consent>>([.. consents.Values.Where(c => c.UserId == userId)]);

    public Task GrantAsync(Consent consent, CancellationToken cancellationToken)
    {
        consents.AddOrUpdate(
            (consent.UserId, consent.ClientId, consent.Resource),
            consent,
            (_, old) => consent with { Scopes = [.. old.Scopes.Union(consent.Scopes, StringComparer.Ordinal)] });
        return Task.CompletedTask;
    }

    public Task<int> RevokeAsync(string userId, string clientId, CancellationToken cancellationToken)
    {
        var keys = consents.Keys.Where(k => k.Item1 == userId && k.Item2 == clientId).ToList();
        return Task.FromResult(keys.Count(k => consents.TryRemove(k, out _)));
    }

    public Task<bool> IsKnownClientHostAsync(string host, CancellationToken cancellationToken) => Task.FromResult(hosts.ContainsKey(host));

    public Task RememberClientHostAsync(string host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        hosts.TryAdd(host, now);
        return Task.CompletedTask;
    }
}
