namespace Mandate.Core.Vault.Broker;

/// <summary>The broker's answer: the credential, or why there is none and where the person can fix it.</summary>
public sealed record CredentialResult(CredentialStatus Status, BrokeredCredential? Credential, string? ConnectUrl, string? Reason)
{
    public static CredentialResult Available(BrokeredCredential credential) => new(CredentialStatus.Available, credential, null, null);

    public static CredentialResult NotConnected(string url) => new(CredentialStatus.NotConnected, null, url, null);

    public static CredentialResult ReconnectNeeded(string url, string? reason) => new(CredentialStatus.ReconnectNeeded, null, url, reason);

    public static CredentialResult Unavailable(string reason) => new(CredentialStatus.TemporarilyUnavailable, null, null, reason);

    public static readonly CredentialResult UnknownConnector = new(CredentialStatus.UnknownConnector, null, null, null);
}
