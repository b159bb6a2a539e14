using Mandate.Core.Vault.Broker;
using Mandate.Server.Gateway.Credentials;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// Before a request goes to an HTTP upstream configured with --credential: the person's credential (recorded in the
/// ledger as vault.inject), or a problem+json answer: 403 naming the Connections URL when the person has not connected
/// the service or must reconnect, 503 when it cannot be had just now, 502 when the connector is gone.
/// </summary>
public static class HttpApiCredentialStep
{
    public static async Task<(BrokeredCredential? Credential, ProxyResult? Refused)> AcquireAsync(HttpContext context, GatewayCaller caller, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Upstream.Upstream.Credential is not { } where)
        {
            return (null, null);
        }

        var lookup = await context.RequestServices.GetRequiredService<UpstreamCredentials>().LookupAsync(context, caller, where.Connector, method, path);
        if (!lookup.Recorded)
        {
            await HttpProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The use of a credential could not be recorded, so the request was not made.");
            return (null, new ProxyResult(null, "credential use not recorded"));
        }

        if (lookup.Available)
        {
            return (lookup.Credential, null);
        }

        var result = lookup.Result;
        var connector = where.Connector;
        switch (result.Status)
        {
            case CredentialStatus.NotConnected or CredentialStatus.ReconnectNeeded when result.ConnectUrl is { } url:
                await WriteConnectionRequiredAsync(context, result.Status, connector, url);
                break;
            case CredentialStatus.UnknownConnector:
                await HttpProblem.WriteAsync(context, StatusCodes.Status502BadGateway, "The upstream's credential connector is not configured.");
                break;
            default:
                await HttpProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"The {connector} credential cannot be had just now; try again shortly.");
                break;
        }

        return (null, new ProxyResult(null, lookup.RefusalReason(connector)));
    }

    private static Task WriteConnectionRequiredAsync(HttpContext context, CredentialStatus status, string connector, string url)
    {
        var reconnect = status == CredentialStatus.ReconnectNeeded;
        var detail = reconnect
            ? $"Your {connector} connection has to be renewed before this can run. Open {url} to reconnect, then try again."
            : $"This needs your {connector} account, which is not connected yet. Open {url} to connect it, then try again.";
        return HttpProblem.WriteAsync(context, StatusCodes.Status403Forbidden, reconnect ? "Reconnect needed" : "Connection needed", detail, HttpProblem.ConnectionRequiredType, w =>
        {
            w.WriteString("connector", connector);
            w.WriteString("connection_status", reconnect ? "reconnect_needed" : "not_connected");
            w.WriteString("connect_url", url);
            if (reconnect)
            {
                w.WriteString("reconnect_url", url);
            }
        });
    }
}
