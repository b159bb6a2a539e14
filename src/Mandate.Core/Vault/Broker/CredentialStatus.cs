namespace Mandate.Core.Vault.Broker;

public enum CredentialStatus
{
    Available,

    /// <summary>The person has not connected this connector: send them to <see cref="CredentialResult.ConnectUrl"/>.</summary>
    NotConnected,

    /// <summary>The connection is dead (refused refresh, revoked at the provider, expired without refresh token): send them to <see cref="CredentialResult.ConnectUrl"/>.</summary>
    ReconnectNeeded,

    /// <summary>No connector has this name.</summary>
    UnknownConnector,

    /// <summary>The provider could not be reached to refresh; the connection itself may be fine. Try again later.</summary>
    TemporarilyUnavailable,
}
