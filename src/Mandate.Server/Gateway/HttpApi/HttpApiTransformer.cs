using Mandate.Core.Gateway;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Credentials;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// One request's changes on top of YARP's defaults (which copy all but hop-by-hop headers and stream both bodies):
/// the upstream URL from the checked path, headers the caller may not send dropped, the upstream's configured headers
/// and the person's credential put on; on the way back, 5xx and 401 kept from the caller (the handler answers 502),
/// headers that would act on Mandate's origin dropped, the gateway's own headers (audit id, DPoP nonce, CORS) kept,
/// and a Location inside the upstream mapped to the gateway.
/// </summary>
public sealed class HttpApiTransformer(ResolvedUpstream upstream, HttpApiRequestPath target, BrokeredCredential? credential, UpstreamDpopNonces dpopNonces) : HttpTransformer
{
    private readonly Dictionary<string, Microsoft.Extensions.Primitives.StringValues> ownHeaders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The upstream's status, once its response head arrived.</summary>
    public int? UpstreamStatus { get; private set; }

    /// <summary>The upstream's answer was withheld (5xx, 401): the handler writes the 502.</summary>
    public bool Withheld { get; private set; }

    /// <summary>The upstream sent a DPoP-Nonce it had not sent before, for a DPoP-bound provider token (RFC 9449 §9).</summary>
    public bool NewDpopNonce { get; private set; }

    private bool DpopBound => credential is not null && CredentialAttachment.IsDpopBound(credential);

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var name in HttpApiHeaders.NotForwarded)
        {
            proxyRequest.Headers.Remove(name);
        }

        proxyRequest.RequestUri = UpstreamUri(upstream.Upstream.Url, target);

        // The upstream's own name, not Mandate's (null: HttpClient writes the request URI's authority).
        proxyRequest.Headers.Host = null;
        foreach (var (name, value) in upstream.Upstream.Headers)
        {
            proxyRequest.Headers.Remove(name);
            proxyRequest.Headers.TryAddWithoutValidation(name, value);
        }

        if (credential is not null && upstream.Upstream.Credential is { } where)
        {
            // A DPoP-bound provider token goes with a proof of the connection's key for this exact URL (htu, without query).
            CredentialAttachment.Apply(proxyRequest, where, credential, DpopBound ? dpopNonces.For(proxyRequest.RequestUri!) : null);
        }

        // Headers the gateway set before forwarding (Mandate-Audit-Id, DPoP-Nonce, CORS): the upstream cannot replace them.
        foreach (var (name, value) in httpContext.Response.Headers)
        {
            ownHeaders[name] = value;
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }

        UpstreamStatus = (int)proxyResponse.StatusCode;
        if (DpopBound && proxyResponse.RequestMessage?.RequestUri is { } sentTo)
        {
            NewDpopNonce = dpopNonces.Remember(sentTo, proxyResponse);
        }
        if (UpstreamStatus >= 500 || UpstreamStatus == StatusCodes.Status401Unauthorized)
        {
            Withheld = true;
            return false;
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        foreach (var name in HttpApiHeaders.NotReturned)
        {
            headers.Remove(name);
        }

        foreach (var (name, value) in ownHeaders)
        {
            headers[name] = value;
        }

        if (proxyResponse.Headers.Location is { } location)
        {
            if (WithoutCredential(GatewayLocation(location) ?? headers.Location.ToString()) is { } safe)
            {
                headers.Location = safe;
            }
            else
            {
                headers.Remove("Location");
            }
        }

        return true;
    }

    /// <summary>
    /// A Location that repeats the request's URL (a redirect that keeps the query) would hand a query-injected
    /// credential to the caller: its parameter is taken out, and a Location still holding the value is dropped.
    /// </summary>
    private string? WithoutCredential(string location)
    {
        if (credential is null || upstream.Upstream.Credential is not { Placement: CredentialPlacement.Query, Name: { } name })
        {
            return location;
        }

        var at = location.IndexOf('?', StringComparison.Ordinal);
        if (at >= 0)
        {
            var kept = location[(at + 1)..].Split('&').Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=', 2)[0]), name, StringComparison.Ordinal));
            var query = string.Join('&', kept);
            location = location[..at] + (query.Length > 0 ? "?" + query : string.Empty);
        }

        return location.Contains(credential.Value, StringComparison.Ordinal) || location.Contains(Uri.EscapeDataString(credential.Value), StringComparison.Ordinal)
            ? null
            : location;
    }

    /// <summary>The upstream's base URL, the checked path appended, the base's query then the caller's.</summary>
    public static Uri UpstreamUri(string baseUrl, HttpApiRequestPath target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var root = new Uri(baseUrl);
        var path = root.AbsolutePath.TrimEnd('/') + target.Path.Encoded;
        var query = string.Join('&', new[] { root.Query.TrimStart('?'), target.Query.TrimStart('?') }.Where(q => q.Length > 0));
        // The path is canonical already and the query is the caller's as sent: no second rewriting by Uri.
        return new Uri(root.GetLeftPart(UriPartial.Authority) + path + (query.Length > 0 ? "?" + query : string.Empty), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    /// <summary>A redirect to a place inside the upstream's base URL points at the same place through the gateway; others pass as they are.</summary>
    private string? GatewayLocation(Uri location)
    {
        if (!location.IsAbsoluteUri)
        {
            return null;
        }

        var root = new Uri(upstream.Upstream.Url);
        var basePath = root.AbsolutePath.TrimEnd('/');
        if (!string.Equals(location.GetLeftPart(UriPartial.Authority), root.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !(location.AbsolutePath == basePath || location.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            return null;
        }

        var rest = location.AbsolutePath[basePath.Length..];
        return upstream.ResourceUri + (rest.Length == 0 ? "/" : rest) + location.Query;
    }
}
