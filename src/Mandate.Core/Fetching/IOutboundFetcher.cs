using Mandate.Protocol.Net;

namespace Mandate.Core.Fetching;

/// <summary>Every URL the server fetches on someone's say-so goes through here, behind the SSRF guard.</summary>
public interface IOutboundFetcher
{
    Task<SsrfFetchResult> FetchAsync(Uri uri, string accept, long maxBytes, CancellationToken cancellationToken);

    bool IsAllowed(Uri uri, out string? reason);
}
