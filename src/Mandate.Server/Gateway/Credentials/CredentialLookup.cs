using Mandate.Core.Vault.Broker;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>The broker's answer for one upstream request, and whether its ledger event was committed.</summary>
/// <param name="Recorded">False when the ledger failed: the request must then not be forwarded (nothing unrecorded uses a credential).</param>
public sealed record CredentialLookup(CredentialResult Result, bool Recorded)
{
    public BrokeredCredential? Credential => Result.Credential;

    public bool Available => Result.Status == CredentialStatus.Available && Result.Credential is not null;

    /// <summary>Why no credential went with the request, for the call's outcome event (MCP and HTTP alike).</summary>
    public string RefusalReason(string connector) => Result.Status switch
    {
        CredentialStatus.NotConnected => "connection needed: " + connector,
        CredentialStatus.ReconnectNeeded => "reconnect needed: " + connector,
        CredentialStatus.UnknownConnector => "unknown connector: " + connector,
        _ => "credential unavailable: " + connector,
    };
}
