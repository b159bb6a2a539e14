namespace Mandate.Storage.Entities;

public sealed class UpstreamEntity
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public string Transport { get; set; } = "";

    /// <summary>mcp or http (see UpstreamKindNames); rows from before HTTP upstreams are mcp.</summary>
    public string Kind { get; set; } = "mcp";

    public bool TrustAnnotations { get; set; }

    public bool RecordArguments { get; set; }

    /// <summary>The headers as one JSON object, encrypted through ISecretProtector; never plaintext.</summary>
    public string ProtectedHeaders { get; set; } = "";

    /// <summary>The connector whose credential is injected (its name only), or null.</summary>
    public string? CredentialConnector { get; set; }

    /// <summary>Where the injected credential goes: bearer, header:Name or query:name; null with no connector.</summary>
    public string? CredentialAs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
