using Mandate.Core.Audit;
using Mandate.Core.Vault.Broker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>
/// The gateway's one path to a person's credential for an upstream request (MCP and HTTP alike): ask the broker, then
/// record the use (or why there was none) in the ledger before the request may go. Logs and events carry the
/// connector's name and the outcome only.
/// </summary>
public sealed class UpstreamCredentials(ICredentialBroker broker, IAuditSink sink, TimeProvider time, ILogger<UpstreamCredentials> logger)
{
    /// <summary>The credential of the caller's person at the connector, recorded as used by this caller on this upstream.</summary>
    public Task<CredentialLookup> LookupAsync(HttpContext context, Mcp.GatewayCaller caller, string connector, string? method, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        var who = new InjectionAudit(
            caller.Subject, caller.ClientId, caller.Token.Claims.TokenId, caller.Upstream.Name, connector, Mcp.GatewayAudit.CorrelationId(context), caller.SourceAddress);
        return LookupAsync(who, method, path, context.RequestAborted);
    }

    public async Task<CredentialLookup> LookupAsync(InjectionAudit who, string? method, string? path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        CredentialResult result;
        try
        {
            result = await broker.GetAsync(who.UserId, who.Connector, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store or the key provider failed; say "try later" rather than 500, and never echo the exception.
            CredentialLog.LookupFailed(logger, ex, who.Upstream, who.Connector);
            result = CredentialResult.Unavailable("the vault could not be read");
        }

        var (decision, reason) = result.Status switch
        {
            CredentialStatus.Available => ("allow", "credential attached"),
            CredentialStatus.NotConnected => ("deny", "not connected"),
            CredentialStatus.ReconnectNeeded => ("deny", "reconnect needed"),
            CredentialStatus.UnknownConnector => ("error", "unknown connector"),
            _ => ("error", "temporarily unavailable"),
        };
        if (result.Status != CredentialStatus.Available)
        {
            CredentialLog.NotAvailable(logger, who.Upstream, who.Connector, reason);
        }

        try
        {
            // Not the request's token: a client that goes away must not take the event with it.
            await sink.RecordAsync(who.Event(time.GetUtcNow(), decision, reason, method, path), CancellationToken.None);
            return new CredentialLookup(result, Recorded: true);
        }
#pragma warning disable CA1031 // The sink is pluggable; whatever it throws, the credential is not used.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CredentialLog.AuditFailed(logger, ex, who.Upstream, who.Connector);
            return new CredentialLookup(result, Recorded: false);
        }
    }
}
