namespace Mandate.Core.Fetching;

/// <summary>Every POST the server makes to a URL someone else named (CIBA ping callbacks, approval webhooks), behind the SSRF guard.</summary>
public interface IOutboundPoster
{
    /// <summary>Posts a JSON body; never throws for network failures or refusals. The response body is not read.</summary>
    Task<OutboundPostResult> PostJsonAsync(Uri uri, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken);
}
