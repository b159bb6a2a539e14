namespace Mandate.Core.Vault.Broker;

/// <summary>The gateway's one question to the vault: what credential do I attach for this person at this connector?</summary>
public interface ICredentialBroker
{
    /// <summary>The current usable credential, refreshed first when it is (nearly) expired; or a typed reason and the URL where the person connects.</summary>
    Task<CredentialResult> GetAsync(string userId, string connector, CancellationToken cancellationToken);
}
