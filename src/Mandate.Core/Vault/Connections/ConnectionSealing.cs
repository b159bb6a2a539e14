using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Encryption;

namespace Mandate.Core.Vault.Connections;

/// <summary>Seals and opens a connection's <see cref="StoredCredential"/>, bound to the person, the connector and the kind of credential.</summary>
public sealed class ConnectionSealing(CredentialVault vault)
{
    public static VaultContext ContextOf(string userId, string connector, ConnectorKind kind) =>
        new(userId, connector, kind == ConnectorKind.ApiKey ? VaultPurposes.ApiKey : VaultPurposes.OAuthTokens);

    public async Task<string> SealAsync(string userId, string connector, ConnectorKind kind, StoredCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var json = credential.ToJson();
        try
        {
            return (await vault.SealAsync(ContextOf(userId, connector, kind), json, cancellationToken)).Format();
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>The credential, or null when it cannot be decrypted (tampered, moved to another row, master key gone).</summary>
    public async Task<StoredCredential?> OpenAsync(Connection connection, ConnectorKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sealedSecret = SealedSecret.Parse(connection.SealedCredential);
        if (sealedSecret is null)
        {
            return null;
        }

        var json = await vault.OpenAsync(ContextOf(connection.UserId, connection.Connector, kind), sealedSecret, cancellationToken);
        if (json is null)
        {
            return null;
        }

        try
        {
            return StoredCredential.FromJson(json);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(json);
        }
    }
}
