namespace Mandate.Core.Configuration;

public sealed class SecurityOptions
{
    /// <summary>
    /// Lets the server fetch loopback URLs over plain HTTP (client ID metadata documents, jwks_uri).
    /// For tests and local development only; never enable it on a server others can reach.
    /// </summary>
    public bool AllowLoopbackFetch { get; set; }

    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxMetadataDocumentBytes { get; set; } = 5 * 1024;
}
