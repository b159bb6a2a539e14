namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// JSON-RPC error codes the gateway answers with itself (docs/gateway.md lists them). The -32050 range is the
/// gateway's own, clear of the codes MCP defines (-32001/-32002, -32020 to -32022, -32042).
/// </summary>
public static class GatewayErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;

    /// <summary>The session id is unknown, expired or someone else's (HTTP 404), as the MCP SDKs answer.</summary>
    public const int SessionNotFound = -32001;

    /// <summary>Mcp-Method or Mcp-Name does not match the body (HTTP 400), as MCP 2026-07-28 defines it.</summary>
    public const int HeaderMismatch = -32020;

    /// <summary>The tool is held at Deny by policy; no token can call it (HTTP 200, a JSON-RPC error).</summary>
    public const int ToolDenied = -32051;

    /// <summary>The upstream could not be reached, failed (5xx) or answered something the gateway cannot read (HTTP 502).</summary>
    public const int UpstreamFailed = -32052;

    /// <summary>The upstream did not answer within Gateway:UpstreamTimeout (HTTP 504).</summary>
    public const int UpstreamTimeout = -32053;

    /// <summary>The request came from a browser page whose origin is not allowed (HTTP 403).</summary>
    public const int OriginNotAllowed = -32054;

    /// <summary>The request body is larger than Gateway:MaxRequestBytes (HTTP 413).</summary>
    public const int RequestTooLarge = -32055;

    /// <summary>The client or the user spent its Gateway:*RequestsPerMinute budget (HTTP 429 with Retry-After).</summary>
    public const int RateLimited = -32056;

    /// <summary>The audit ledger could not record an allowed call, so it was not forwarded (HTTP 503).</summary>
    public const int AuditUnavailable = -32057;

    /// <summary>The token's mandate refuses the call: which limit is in the message (HTTP 200, a JSON-RPC error).</summary>
    public const int MandateRefused = -32058;

    /// <summary>An egress tool after private data, refused (Gateway:PrivateThenEgress = deny; HTTP 200, a JSON-RPC error).</summary>
    public const int DataFlowRefused = -32059;

    /// <summary>A call that needs a person's approval was sent in a batch, where it cannot be held (HTTP 200, a JSON-RPC error).</summary>
    public const int ApprovalNotPossible = -32060;
}
