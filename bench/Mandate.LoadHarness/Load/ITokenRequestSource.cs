namespace Mandate.LoadHarness.Load;

/// <summary>Produces token endpoint requests for the load workers; thread-safe.</summary>
internal interface ITokenRequestSource
{
    /// <summary>The next request, or null when the source is exhausted (no pre-minted codes left).</summary>
    HttpRequestMessage? NextRequest();
}
