using Mandate.Core.Gateway.Sessions;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Credentials;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Before a request goes to an upstream configured with --credential: the person's credential (recorded in the
/// ledger as vault.inject), or the answer that sends the person to the Connections page and ends the request.
/// </summary>
public static class McpCredentialStep
{
    /// <returns>Credential: what to attach (null when the upstream needs none). Refused: the result for the audit when an answer was written instead.</returns>
    public static async Task<(BrokeredCredential? Credential, ProxyResult? Refused)> AcquireAsync(
        HttpContext context, GatewayCaller caller, HttpMethod method, ReadOnlyMemory<byte>? body, GatewaySession? session, JsonRpcParseResult? request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Upstream.Upstream.Credential is not { } where)
        {
            return (null, null);
        }

        var firstMethod = request?.Messages.FirstOrDefault(m => m.Method is not null);
        var lookup = await context.RequestServices.GetRequiredService<UpstreamCredentials>()
            .LookupAsync(context, caller, where.Connector, firstMethod?.Method ?? method.Method, firstMethod?.Tool);
        if (!lookup.Recorded)
        {
            const string message = "Service unavailable: the use of a credential could not be recorded, so the call was not made.";
            await (request is null
                ? JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, message)
                : JsonRpcErrors.WriteForAsync(context, StatusCodes.Status503ServiceUnavailable, request.Messages, request.IsBatch, GatewayErrorCodes.AuditUnavailable, message));
            return (null, new ProxyResult(null, "credential use not recorded"));
        }

        if (lookup.Available)
        {
            return (lookup.Credential, null);
        }

        var elicitation = body is { } b && ElicitationSupport.DeclaredIn(b)
            || context.RequestServices.GetRequiredService<ElicitationSupport>().Supports(caller.Upstream.Name, caller.Subject, caller.ClientId, session?.Id);
        await ConnectionNeeded.WriteAsync(context, request, lookup.Result, where.Connector, elicitation);
        return (null, new ProxyResult(null, lookup.RefusalReason(where.Connector)));
    }
}
