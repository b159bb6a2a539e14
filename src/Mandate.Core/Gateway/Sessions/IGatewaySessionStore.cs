namespace Mandate.Core.Gateway.Sessions;

/// <summary>
/// Maps the session ids the gateway hands to clients to upstream session ids. Short-lived state: in process memory by
/// default, behind this interface so several instances can share it later.
/// </summary>
public interface IGatewaySessionStore
{
    /// <summary>Starts a session with a new random id.</summary>
    ValueTask<GatewaySession> CreateAsync(string upstream, string upstreamSessionId, string subject, string clientId, CancellationToken cancellationToken);

    /// <summary>The session, its idle timer restarted; null when unknown or idle too long.</summary>
    ValueTask<GatewaySession?> FindAsync(string id, CancellationToken cancellationToken);

    ValueTask RemoveAsync(string id, CancellationToken cancellationToken);
}
