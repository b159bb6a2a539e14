namespace Mandate.Core.Configuration;

/// <summary>Everything an operator can tune. Bound from configuration (prefix <c>MANDATE_</c>) and validated at start-up.</summary>
public sealed class MandateOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The issuer identifier, byte for byte as it appears in metadata and tokens.</summary>
    public string Issuer { get; set; } = DefaultUrl;

    public string DataDir { get; set; } = ".mandate";

    public TokenOptions Tokens { get; set; } = new();

    public RegistrationOptions Registration { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    public LoginOptions Login { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    public GatewayOptions Gateway { get; set; } = new();

    public DpopOptions Dpop { get; set; } = new();

    public MandatesOptions Mandates { get; set; } = new();

    public LedgerOptions Ledger { get; set; } = new();

    public CibaOptions Ciba { get; set; } = new();

    public ApprovalsOptions Approvals { get; set; } = new();
    public VaultOptions Vault { get; set; } = new();
}
