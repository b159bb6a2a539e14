using System.Net;
using Mandate.Core.Configuration;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Credentials;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// Forwards one allowed request with YARP's <see cref="IHttpForwarder"/>: request and response bodies stream both
/// ways (nothing is buffered), any method. The outbound client is the gateway's own, like the MCP forwarder's: the
/// operator chose the upstream URL, so it is reached directly, but never through a redirect, a proxy, or with cookies;
/// the caller only chooses a checked path below it. Failures come back as values: the upstream unreachable or
/// answering 5xx/401 is 502, silent past Gateway:UpstreamTimeout (between reads, not in total) 504, as problem+json.
/// </summary>
public sealed class HttpApiForwarder : IDisposable
{
    private readonly IHttpForwarder forwarder;
    private readonly HttpMessageInvoker invoker;
    private readonly IOptions<MandateOptions> options;
    private readonly ILogger<HttpApiForwarder> logger;

    private readonly UpstreamDpopNonces dpopNonces;

    public HttpApiForwarder(IHttpForwarder forwarder, UpstreamDpopNonces dpopNonces, IOptions<MandateOptions> options, ILogger<HttpApiForwarder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.forwarder = forwarder;
        this.dpopNonces = dpopNonces;
        this.options = options;
        this.logger = logger;
        invoker = new HttpMessageInvoker(new FlushingHandler(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Value.Gateway.UpstreamTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            EnableMultipleHttp2Connections = true,

            // No W3C traceparent/baggage to upstreams: they are third parties.
            ActivityHeadersPropagator = null,
        }));
    }

    public async Task<ProxyResult> ForwardAsync(HttpContext context, ResolvedUpstream upstream, HttpApiRequestPath target, BrokeredCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var transformer = new HttpApiTransformer(upstream, target, credential, dpopNonces);
        var config = new ForwarderRequestConfig { ActivityTimeout = options.Value.Gateway.UpstreamTimeout };
        var auditIds = context.Response.Headers[AuditIdHeader.Name];
        var error = await forwarder.SendAsync(context, upstream.Upstream.Url, invoker, config, transformer);
        if (error == ForwarderError.None && transformer is { Withheld: true, UpstreamStatus: StatusCodes.Status401Unauthorized, NewDpopNonce: true } && !HasBody(context))
        {
            // RFC 9449 §9: the service wants its (new) nonce in the DPoP proof. A request without a body can be sent
            // again with it; one whose body was streamed cannot (it is gone), and its 502 leaves the nonce remembered.
            transformer = new HttpApiTransformer(upstream, target, credential, dpopNonces);
            context.Response.StatusCode = StatusCodes.Status200OK; // YARP forwards only while the response is untouched.
            error = await forwarder.SendAsync(context, upstream.Upstream.Url, invoker, config, transformer);
        }

        var status = transformer.UpstreamStatus;
        if (error == ForwarderError.None && !transformer.Withheld)
        {
            return new ProxyResult(status, null);
        }

        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeResponseCanceled)
        {
            return new ProxyResult(status, "client went away");
        }

        if (context.Response.HasStarted)
        {
            // The head is gone, so no error status can follow; YARP has cut the connection so a broken body cannot pass for a whole one.
            HttpApiLog.StreamBroken(logger, upstream.Name, error.ToString());
            return new ProxyResult(status, "upstream stream broke off");
        }

        // YARP cleared the response on failure: the audit id goes back on, with the gateway's own answer.
        context.Response.Headers[AuditIdHeader.Name] = auditIds;
        var (httpStatus, detail, reason) = Describe(error, status);
        HttpApiLog.UpstreamFailed(logger, upstream.Name, error.ToString(), status ?? 0);
        await HttpProblem.WriteAsync(context, httpStatus, detail);
        return new ProxyResult(status, reason);
    }

    public void Dispose() => invoker.Dispose();

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private static (int Status, string Detail, string Reason) Describe(ForwarderError error, int? status) => error switch
    {
        ForwarderError.None when status == StatusCodes.Status401Unauthorized =>
            (StatusCodes.Status502BadGateway, "The upstream refused the gateway's credentials for it.", "upstream status 401"),
        ForwarderError.None => (StatusCodes.Status502BadGateway, $"The upstream answered HTTP {status}.", $"upstream status {status}"),
        ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "The upstream did not answer in time.", "upstream timeout"),
        ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "The request body could not be read.", "client body failed"),
        ForwarderError.ResponseBodyDestination => (StatusCodes.Status502BadGateway, "The upstream broke off its response.", "upstream stream broke off"),
        _ => (StatusCodes.Status502BadGateway, "The upstream could not be reached.", "upstream unreachable"),
    };
}
