namespace Mandate.Core.Vault.Connections;

public enum ConnectionStatus
{
    Connected,

    /// <summary>The provider refused the refresh (invalid_grant: revoked, expired) or no refresh is possible: the person must connect again.</summary>
    ReconnectNeeded,
}
