using Mandate.Core.Configuration;
using Mandate.Protocol.Net;

namespace Mandate.Core.Fetching;

/// <summary>
/// The one way Mandate builds an HttpClient for URLs it does not control: the SSRF-guarded handler for the policy
/// (addresses checked at connect time, no redirects, no proxy, no cookies), the operator's extra trusted certificates,
/// no client-wide timeout (callers bound each request), Mandate's User-Agent.
/// </summary>
public static class GuardedHttpClient
{
    public static HttpClient Create(SsrfPolicy policy, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(security);
        var handler = SsrfGuard.CreateHandler(policy);
        if (!string.IsNullOrEmpty(security.ExtraTrustedCertificates))
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ExtraTrust.CreateValidator(security.ExtraTrustedCertificates);
        }

        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mandate/0.1");
        return client;
    }
}
