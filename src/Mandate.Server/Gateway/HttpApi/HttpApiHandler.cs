using System.Globalization;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.Http;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// Any method on {issuer}/http/{name}/{**path}: admit the caller (Origin, upstream, token for this upstream, DPoP),
/// spend from the rate limits, check the path, decide its level (the operator's method+path rules, else the method's
/// default) against the token's scopes, record the decision, then refuse (problem+json, 403 with a step-up challenge)
/// or get the person's credential and forward. One gateway.call event per request, committed before anything is
/// forwarded and named in Mandate-Audit-Id, and a gateway.outcome event after.
/// </summary>
public static class HttpApiHandler
{
    public static async Task HandleAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var surface = HttpApiSurface.Instance;
        if (await GatewayFrontDoor.AdmitAsync(context, name, surface) is not { } caller)
        {
            return;
        }

        if (await CheckRequestAsync(context, caller) is not { } target)
        {
            return;
        }

        var services = context.RequestServices;
        var audit = services.GetRequiredService<GatewayAudit>();
        var method = context.Request.Method;
        var message = new JsonRpcMessage { Method = method, Tool = target.AuditText };
        if (MandateEnforcer.Governs(caller.Token.Claims, caller.Upstream.ResourceUri))
        {
            // A mandate lists tools and their arguments; an HTTP API has neither, so the mandate cannot be enforced here: deny.
            await RefuseAsync(context, caller, message, "mandate: names tools, not HTTP requests", StatusCodes.Status403Forbidden, "The token's mandate cannot be applied to an HTTP API; ask for a token without authorization_details for it.");
            return;
        }

        var classification = await services.GetRequiredService<HttpRulePolicy>().ClassifyAsync(caller.Upstream.Name, method, target.Path, context.RequestAborted);
        var level = classification.Level;
        if (level == PermissionLevel.Deny)
        {
            await RefuseAsync(context, caller, message, "denied by " + classification.Reason, StatusCodes.Status403Forbidden, "This request is denied by the gateway's policy.");
            return;
        }

        var why = PermissionLevelNames.Name(level) + " (" + classification.Reason + ")";
        if (!GatewayScopes.Allows(caller.Token.Scopes, level))
        {
            var needed = GatewayAuthorizer.ScopesFor(level);
            var ids = await audit.RecordAsync(context, caller, [message], GatewayAudit.Deny, $"insufficient_scope: needs {GatewayScopes.ScopeFor(level)}, {why}");
            AuditIdHeader.Set(context.Response, ids);
            await GatewayChallenge.WriteInsufficientScopeAsync(context, caller.Upstream, needed, caller.Scheme);
            await HttpProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Insufficient scope", $"This request needs the scope {GatewayScopes.ScopeFor(level)}; ask for a token with: {needed}.");
            return;
        }

        if (level == PermissionLevel.Destructive && services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway.RequireApprovalForDestructive)
        {
            // The operator wants a person's approval for every destructive call; an HTTP request cannot be held for one
            // (its body is streamed, not kept), so it is refused rather than let through unapproved.
            await RefuseAsync(context, caller, message, "destructive request requires approval, which an HTTP request cannot wait for", StatusCodes.Status403Forbidden, "This request needs a person's approval (Gateway:RequireApprovalForDestructive), which the HTTP API gateway cannot ask for; it was not made.");
            return;
        }

        var callIds = await audit.RecordAsync(context, caller, [message], GatewayAudit.Allow, why);
        if (callIds is null)
        {
            await HttpProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The request could not be recorded, so it was not made.");
            return;
        }

        AuditIdHeader.Set(context.Response, callIds);
        var result = await ForwardAsync(context, caller, target, method);
        await audit.RecordOutcomesAsync(context, caller, [message], callIds, result);
    }

    /// <summary>Rate limits, protocol upgrades, body size and the path; null when a refusal was written (and audited).</summary>
    private static async Task<HttpApiRequestPath?> CheckRequestAsync(HttpContext context, GatewayCaller caller)
    {
        var services = context.RequestServices;
        var method = context.Request.Method;
        if (services.GetRequiredService<GatewayRateLimiter>().TryAcquire(caller.ClientId, caller.Subject) is { } retryAfter)
        {
            await RefuseAsync(context, caller, new JsonRpcMessage { Method = method }, "rate limited", StatusCodes.Status429TooManyRequests, "Too many requests: try again later.", retryAfter);
            return null;
        }

        if (IsUpgrade(context))
        {
            // After a 101 the connection carries whatever either side sends, which no method+path rule can judge: refused.
            await RefuseAsync(context, caller, new JsonRpcMessage { Method = method }, "protocol upgrade refused", StatusCodes.Status400BadRequest, "Protocol upgrades (WebSocket) are not proxied by the HTTP API gateway.");
            return null;
        }

        var maxBytes = services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway.MaxHttpRequestBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            await RefuseAsync(context, caller, new JsonRpcMessage { Method = method }, "request too large", StatusCodes.Status413PayloadTooLarge, "The request body is larger than the gateway forwards.");
            return null;
        }

        // A body without Content-Length is cut off (and the request failed) once it passes the limit while streaming.
        Mandate.Server.Http.BodyLimits.Limit(context, maxBytes);
        if (HttpApiRequestPath.Read(context, caller.Upstream.Name, out var pathError) is not { } target)
        {
            await RefuseAsync(context, caller, new JsonRpcMessage { Method = method }, "path refused: " + pathError, StatusCodes.Status400BadRequest, "The request path is refused: " + pathError + ".");
            return null;
        }

        return target;
    }

    private static async Task<ProxyResult> ForwardAsync(HttpContext context, GatewayCaller caller, HttpApiRequestPath target, string method)
    {
        var services = context.RequestServices;
        var (credential, refused) = await HttpApiCredentialStep.AcquireAsync(context, caller, method, target.AuditText);
        if (refused is not null)
        {
            return refused;
        }

        var result = await services.GetRequiredService<HttpApiForwarder>().ForwardAsync(context, caller.Upstream, target, credential);
        if (credential is not null && result.UpstreamStatus == StatusCodes.Status401Unauthorized)
        {
            // The service refused the person's credential: this instance's decrypted copy may be stale, so the next call reads the store.
            services.GetRequiredService<CredentialMemoryCache>().Invalidate(caller.Subject, credential.Connector);
        }

        return result;
    }

    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private static async Task RefuseAsync(HttpContext context, GatewayCaller caller, JsonRpcMessage message, string reason, int status, string detail, TimeSpan? retryAfter = null)
    {
        AuditIdHeader.Set(context.Response, await context.RequestServices.GetRequiredService<GatewayAudit>().RecordAsync(context, caller, [message], GatewayAudit.Deny, reason));
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await HttpProblem.WriteAsync(context, status, detail);
    }
}
