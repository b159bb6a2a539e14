namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Whose secret a ciphertext is, for which connector and what it is: bound into the AES-GCM associated data, so a
/// ciphertext copied to another row (another person, connector or purpose) does not decrypt.
/// </summary>
public sealed record VaultContext(string Owner, string Connector, string Purpose)
{
    /// <summary>The owner of a connector's own secrets (client secret, private key), which belong to no person.</summary>
    public const string ConnectorOwner = "connector";

    public static VaultContext ForConnector(string connector, string purpose) => new(ConnectorOwner, connector, purpose);
}
