namespace Mandate.Core.Configuration;

public sealed class SecurityOptions
{
    /// <summary>
    /// Lets the server fetch loopback URLs over plain HTTP (client ID metadata documents, jwks_uri).
    /// For tests and local development only; never enable it on a server others can reach.
    /// </summary>
    public bool AllowLoopbackFetch { get; set; }

    /// <summary>
    /// A PEM file with extra root certificates trusted for outbound fetches (client ID metadata documents, jwks_uri),
    /// in addition to the system store. For private PKI and for tests that serve documents over loopback HTTPS.
    /// </summary>
    public string? ExtraTrustedCertificates { get; set; }

    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxMetadataDocumentBytes { get; set; } = 5 * 1024;

    /// <summary>
    /// Whether /authorize accepts authorization requests only through PAR (RFC 9126 §4: a request_uri from /par), for
    /// every client. A client registered with --require-par gets the same rule on its own.
    /// </summary>
    public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>
    /// Where DPoP proof and client assertion jti values are remembered against replay: Memory (this process) or Store
    /// (the database, shared by every instance on it). Set Store when several instances serve the same issuer.
    /// </summary>
    public ReplayCacheMode ReplayCache { get; set; } = ReplayCacheMode.Memory;
}
