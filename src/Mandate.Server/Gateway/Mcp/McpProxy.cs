using System.Globalization;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway.Sessions;
using Mandate.Core.Vault.Broker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Sends the request upstream and relays the answer: upstream failures become 502/504 with a JSON-RPC error, session
/// ids are mapped, tools/list answers are filtered, everything else streams through untouched.
/// </summary>
public static class McpProxy
{
    public static async Task<ProxyResult> ForwardAsync(
        HttpContext context,
        GatewayCaller caller,
        HttpMethod method,
        ReadOnlyMemory<byte>? body,
        GatewaySession? session,
        JsonRpcParseResult? request,
        ToolsListFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<UpstreamForwarder>>();
        var (credential, refused) = await McpCredentialStep.AcquireAsync(context, caller, method, body, session, request);
        if (refused is not null)
        {
            return refused;
        }

        using var exchange = await services.GetRequiredService<UpstreamForwarder>().SendAsync(context, caller.Upstream, method, body, session?.UpstreamSessionId, credential);
        if (exchange.Failure == UpstreamFailure.ClientAborted)
        {
            return new ProxyResult(null, "client went away");
        }

        if (exchange.Failure != UpstreamFailure.None || exchange.Response is not { } response)
        {
            if (credential is not null && exchange.Status == StatusCodes.Status401Unauthorized)
            {
                // The service refused the person's credential: this instance's decrypted copy may be stale (refreshed or
                // replaced elsewhere), so the next call reads the store again.
                services.GetRequiredService<CredentialMemoryCache>().Invalidate(caller.Subject, credential.Connector);
            }

            McpGatewayLog.UpstreamFailed(logger, caller.Upstream.Name, exchange.Failure, exchange.Status);
            await WriteFailureAsync(context, exchange.Failure, exchange.Status, request);
            return new ProxyResult(exchange.Status, FailureReason(exchange.Failure, exchange.Status));
        }

        var sessionId = await SessionLookup.MapAsync(context, caller, session, response);
        RememberElicitation(services, caller, body, sessionId);
        if (method == HttpMethod.Delete && session is not null && ((int)response.StatusCode is >= 200 and < 300))
        {
            await services.GetRequiredService<IGatewaySessionStore>().RemoveAsync(session.Id, context.RequestAborted);
            sessionId = null;
        }

        try
        {
            return await RelayAsync(context, response, sessionId, filter, services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway, request);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return new ProxyResult((int)response.StatusCode, "client went away");
            }

            // The head is gone, so no error status can follow: cut the client's connection too, so that a broken
            // stream never looks like a complete one (the client may resume with Last-Event-ID).
            McpGatewayLog.StreamBroken(logger, caller.Upstream.Name, ex.GetType().Name);
            context.Abort();
            return new ProxyResult((int)response.StatusCode, "upstream stream broke off");
        }
    }

    /// <summary>An initialize request says whether its client takes URL elicitations, wanted when a connection is missing later.</summary>
    private static void RememberElicitation(IServiceProvider services, GatewayCaller caller, ReadOnlyMemory<byte>? body, string? sessionId)
    {
        if (caller.Upstream.Upstream.Credential is not null && body is { } b && b.Span.IndexOf("\"initialize\""u8) >= 0)
        {
            services.GetRequiredService<ElicitationSupport>().Remember(caller.Upstream.Name, caller.Subject, caller.ClientId, sessionId, ElicitationSupport.DeclaredIn(b));
        }
    }

    private static async Task<ProxyResult> RelayAsync(HttpContext context, HttpResponseMessage response, string? sessionId, ToolsListFilter? filter, GatewayOptions options, JsonRpcParseResult? request)
    {
        var status = (int)response.StatusCode;
        if (filter is null || response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            ResponseRelay.CopyHead(context, response, sessionId);
            await ResponseRelay.CopyBodyAsync(context, response);
            return new ProxyResult(status, null);
        }

        if (ResponseRelay.IsEventStream(response))
        {
            ResponseRelay.CopyHead(context, response, sessionId);
            return await ToolsListRelay.RelayEventsAsync(context, response, filter, options.MaxToolsListBytes)
                ? new ProxyResult(status, null)
                : new ProxyResult(status, "malformed tools/list response");
        }

        var filtered = await ToolsListRelay.FilterJsonAsync(response, filter, options.MaxToolsListBytes, context.RequestAborted);
        if (filtered is null)
        {
            await WriteFailureAsync(context, UpstreamFailure.Malformed, status, request);
            return new ProxyResult(status, "malformed tools/list response");
        }

        ResponseRelay.CopyHead(context, response, sessionId);
        context.Response.ContentLength = filtered.Value.Length;
        await context.Response.Body.WriteAsync(filtered.Value, context.RequestAborted);
        return new ProxyResult(status, null);
    }

    private static Task WriteFailureAsync(HttpContext context, UpstreamFailure failure, int? status, JsonRpcParseResult? request)
    {
        var (httpStatus, code, message) = failure switch
        {
            UpstreamFailure.Timeout => (StatusCodes.Status504GatewayTimeout, GatewayErrorCodes.UpstreamTimeout, "Gateway timeout: the upstream did not answer in time."),
            UpstreamFailure.BadStatus => (StatusCodes.Status502BadGateway, GatewayErrorCodes.UpstreamFailed, $"Bad gateway: the upstream answered HTTP {status}."),
            UpstreamFailure.Malformed => (StatusCodes.Status502BadGateway, GatewayErrorCodes.UpstreamFailed, "Bad gateway: the upstream's response could not be read."),
            _ => (StatusCodes.Status502BadGateway, GatewayErrorCodes.UpstreamFailed, "Bad gateway: the upstream could not be reached."),
        };
        return request is null
            ? JsonRpcErrors.WriteAsync(context, httpStatus, code, message)
            : JsonRpcErrors.WriteForAsync(context, httpStatus, request.Messages, request.IsBatch, code, message);
    }

    /// <summary>The audit reason of an upstream failure.</summary>
    internal static string FailureReason(UpstreamFailure failure, int? status) => failure switch
    {
        UpstreamFailure.Timeout => "upstream timeout",
        UpstreamFailure.BadStatus => "upstream status " + status?.ToString(CultureInfo.InvariantCulture),
        UpstreamFailure.Malformed => "malformed upstream response",
        _ => "upstream unreachable",
    };
}
