using Mandate.Core.Vault.Broker;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>The broker's answer for one upstream request, and whether its ledger event was committed.</summary>
/// <param name="Recorded">False when the ledger failed: the request must then not be forwarded (nothing unrecorded uses a credential).</param>
public sealed record CredentialLookup(CredentialResult Result, bool Recorded)
{
    public BrokeredCredential? Credential => Result.Credential;

    public bool Available => Result.Status == CredentialStatus.Available && Result.Credential is not null;
}
