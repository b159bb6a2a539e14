using System.Net;
using Mandate.Core.Configuration;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Credentials;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Sends a request to an upstream and returns once its response headers arrive; the body is read by the caller as it
/// streams. Plain HttpMessageInvoker rather than YARP: the gateway must read and buffer the (small, capped) request
/// body to decide anyway, rewrites one kind of response body (tools/list, SSE included), maps session ids and builds
/// upstream headers from an allow-list; YARP's forwarder would add a second pipeline of transforms around the very
/// steps that are the gateway's job, while the streaming it offers is a short copy loop here.
/// </summary>
public sealed class UpstreamForwarder : IDisposable
{
    private readonly HttpMessageInvoker invoker;
    private readonly IOptions<MandateOptions> options;
    private readonly UpstreamDpopNonces dpopNonces;

    public UpstreamForwarder(IOptions<MandateOptions> options, UpstreamDpopNonces dpopNonces)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.dpopNonces = dpopNonces;
        invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Value.Gateway.UpstreamTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // No W3C traceparent/baggage to upstreams: they are third parties, and the header costs an Activity per call.
            ActivityHeadersPropagator = null,
        });
    }

    /// <param name="body">The POST body as received; null for GET and DELETE.</param>
    /// <param name="upstreamSessionId">The upstream's own session id, if the client has a gateway session.</param>
    /// <param name="credential">The person's credential from the vault, attached as the upstream's --credential says; it goes on this request only.</param>
    public async Task<UpstreamExchange> SendAsync(HttpContext context, ResolvedUpstream upstream, HttpMethod method, ReadOnlyMemory<byte>? body, string? upstreamSessionId, BrokeredCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var exchange = await SendOnceAsync(context, upstream, method, body, upstreamSessionId, credential);
        if (credential is not null && CredentialAttachment.IsDpopBound(credential) && exchange.Response is { } response
            && dpopNonces.Remember(response.RequestMessage!.RequestUri!, response) && response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // RFC 9449 §9: the resource wants a (new) nonce in the proof. The body is in memory, so ask once more.
            exchange.Dispose();
            exchange = await SendOnceAsync(context, upstream, method, body, upstreamSessionId, credential);
        }

        return exchange;
    }

    public void Dispose() => invoker.Dispose();

    private async Task<UpstreamExchange> SendOnceAsync(HttpContext context, ResolvedUpstream upstream, HttpMethod method, ReadOnlyMemory<byte>? body, string? upstreamSessionId, BrokeredCredential? credential)
    {
        var request = new HttpRequestMessage(method, upstream.Upstream.Url) { Version = HttpVersion.Version11 };
        if (body is { } content)
        {
            request.Content = new ReadOnlyMemoryContent(content);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType ?? "application/json");
        }

        CopyRequestHeaders(context.Request, request);
        if (upstreamSessionId is not null)
        {
            request.Headers.TryAddWithoutValidation(McpHeaders.SessionId, upstreamSessionId);
        }

        foreach (var (name, value) in upstream.Upstream.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (credential is not null && upstream.Upstream.Credential is { } where)
        {
            CredentialAttachment.Apply(request, where, credential, CredentialAttachment.IsDpopBound(credential) ? dpopNonces.For(request.RequestUri!) : null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.Value.Gateway.UpstreamTimeout);
        try
        {
            var response = await invoker.SendAsync(request, timeout.Token);
            return new UpstreamExchange(response, IsBadStatus(response.StatusCode) ? UpstreamFailure.BadStatus : UpstreamFailure.None);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            request.Dispose();
            return new UpstreamExchange(null, UpstreamFailure.ClientAborted);
        }
        catch (OperationCanceledException)
        {
            request.Dispose();
            return new UpstreamExchange(null, UpstreamFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            request.Dispose();
            return new UpstreamExchange(null, ex.InnerException is TimeoutException ? UpstreamFailure.Timeout : UpstreamFailure.Unreachable);
        }
    }

    private static bool IsBadStatus(HttpStatusCode status) =>
        (int)status >= 500 || (int)status is >= 300 and < 400 || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage to)
    {
        foreach (var name in McpHeaders.ForwardedRequestHeaders)
        {
            if (from.Headers.TryGetValue(name, out var values))
            {
                to.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        foreach (var (name, values) in from.Headers)
        {
            if (name.StartsWith(McpHeaders.ParamPrefix, StringComparison.OrdinalIgnoreCase))
            {
                to.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }
}
