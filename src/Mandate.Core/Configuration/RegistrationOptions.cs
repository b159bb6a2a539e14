namespace Mandate.Core.Configuration;

public sealed class RegistrationOptions
{
    /// <summary>RFC 7591 dynamic registration, kept for clients that predate client ID metadata documents.</summary>
    public bool DynamicRegistrationEnabled { get; set; } = true;

    /// <summary>Client ID metadata documents (an HTTPS URL as client_id).</summary>
    public bool ClientIdMetadataDocumentsEnabled { get; set; } = true;

    /// <summary>When non-empty, only redirect URIs on these hosts may be registered dynamically (loopback is always allowed).</summary>
    public List<string> AllowedRedirectHosts { get; set; } = [];

    /// <summary>Upper bound on dynamically registered clients, a guard against registration floods.</summary>
    public int MaxDynamicClients { get; set; } = 10_000;
}
