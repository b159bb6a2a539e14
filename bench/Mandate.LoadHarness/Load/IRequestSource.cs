namespace Mandate.LoadHarness.Load;

/// <summary>Produces the requests the load workers send (token requests or MCP calls); thread-safe.</summary>
internal interface IRequestSource
{
    /// <summary>The next request, or null when the source is exhausted (no pre-minted codes left).</summary>
    HttpRequestMessage? NextRequest();
}
