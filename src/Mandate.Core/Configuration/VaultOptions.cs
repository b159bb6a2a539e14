namespace Mandate.Core.Configuration;

/// <summary>The credential vault's settings (docs/vault.md, docs/configuration.md).</summary>
public sealed class VaultOptions
{
    public const string FileKeyProvider = "file";
    public const string EnvironmentKeyProvider = "env";

    /// <summary>Where the master keys come from: <c>file</c> ({data-dir}/secrets/vault-master-keys, made on first use) or <c>env</c> (MANDATE_VAULT_MASTER_KEY).</summary>
    public string KeyProvider { get; set; } = FileKeyProvider;

    /// <summary>The longest a decrypted credential stays in memory (never beyond its own expiry), so a change made by another instance is seen within this time.</summary>
    public TimeSpan CredentialCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before expiry an access token is refreshed (at most half its lifetime).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this much earlier still, at random per refresh, so many tokens issued together are not all refreshed at once.</summary>
    public TimeSpan RefreshJitter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the background refresher looks for tokens due.</summary>
    public TimeSpan RefreshPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one instance holds a connection's refresh lease (its refresh must finish in this time).</summary>
    public TimeSpan RefreshLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a started connect flow (state, PKCE verifier) waits for the provider's callback.</summary>
    public TimeSpan ConnectFlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lets connectors reach providers on private networks (10/8, 192.168/16, ...): for providers inside your own network.</summary>
    public bool AllowPrivateNetworkProviders { get; set; }
}
