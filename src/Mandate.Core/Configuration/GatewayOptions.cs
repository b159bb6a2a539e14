namespace Mandate.Core.Configuration;

/// <summary>The MCP gateway's limits and defences (docs/configuration.md, docs/gateway.md).</summary>
public sealed class GatewayOptions
{
    /// <summary>
    /// Origins (scheme://host[:port]) whose browsers may call the gateway besides the issuer's own. A request whose
    /// Origin is neither is refused (DNS-rebinding protection); requests without Origin (non-browser clients) pass.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The largest POST body (a JSON-RPC message or batch) the gateway reads; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request body the HTTP API gateway streams to an upstream (checked against Content-Length before forwarding, and while streaming); larger ones get 413.</summary>
    public long MaxHttpRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long the gateway waits for an upstream's response headers before answering 504.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per minute per OAuth client (all its users together); 0 turns the limit off.</summary>
    public int ClientRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests per minute per user (token subject, across clients); 0 turns the limit off.</summary>
    public int UserRequestsPerMinute { get; set; } = 300;

    /// <summary>A gateway session unused this long is forgotten (the client then gets 404 and starts a new one).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a "not revoked" answer for a token is believed before the store is asked again.</summary>
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many validated tokens are remembered (until each one's expiry), so repeated calls skip signature work.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Whether the gateway accepts only DPoP-bound access tokens (RFC 9449 §7.1): Bearer tokens are refused and the
    /// resource metadata says dpop_bound_access_tokens_required. Off by default (both schemes are accepted).
    /// </summary>
    public bool RequireDpop { get; set; }

    /// <summary>The largest tools/list response (JSON body or one SSE event) the gateway buffers to filter it.</summary>
    public long MaxToolsListBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// What happens to a call of an egress tool once the same grant or session has called a private tool: Approval
    /// (the default: the call is held until the person approves it), Deny, or Off.
    /// </summary>
    public Gateway.DataFlow.DataFlowMode PrivateThenEgress { get; set; } = Gateway.DataFlow.DataFlowMode.Approval;

    /// <summary>Whether every call of a destructive tool also needs a person's approval (held at the gateway). Off by default.</summary>
    public bool RequireApprovalForDestructive { get; set; }

    /// <summary>How long the gateway holds a call waiting for a person's approval before it fails the call.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
