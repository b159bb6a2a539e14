namespace Mandate.Core.Consents;

public interface IConsentStore
{
    Task<Consent?> FindAsync(string userId, string clientId, string resource, CancellationToken cancellationToken);

    Task<IReadOnlyList<Consent>> ListForUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records the consent, merging scopes with any earlier consent for the same user, client and resource.</summary>
    Task GrantAsync(Consent consent, CancellationToken cancellationToken);

    /// <summary>Removes the user's consents for the client; returns how many were removed.</summary>
    Task<int> RevokeAsync(string userId, string clientId, CancellationToken cancellationToken);

    /// <summary>Whether anyone has consented to a client whose metadata document lives on this host.</summary>
    Task<bool> IsKnownClientHostAsync(string host, CancellationToken cancellationToken);

    Task RememberClientHostAsync(string host, DateTimeOffset now, CancellationToken cancellationToken);
}
