namespace Mandate.Server.Gateway.Mcp;

/// <summary>The Streamable HTTP headers the gateway reads, maps or passes on.</summary>
public static class McpHeaders
{
    public const string SessionId = "Mcp-Session-Id";
    public const string ProtocolVersion = "MCP-Protocol-Version";
    public const string LastEventId = "Last-Event-ID";
    public const string Method = "Mcp-Method";
    public const string Name = "Mcp-Name";

    /// <summary>Custom parameter headers of 2026-07-28 (Mcp-Param-{Name}), passed through as they are.</summary>
    public const string ParamPrefix = "Mcp-Param-";

    /// <summary>The revision that made Mcp-Method and Mcp-Name standard (and removed sessions).</summary>
    public const string StandardHeadersVersion = "2026-07-28";

    /// <summary>Request headers copied to the upstream; everything else (Authorization, Cookie, Forwarded...) stays here.</summary>
    public static readonly string[] ForwardedRequestHeaders = ["Accept", "Accept-Language", ProtocolVersion, LastEventId, Method, Name];

    /// <summary>Response headers copied back to the client (Mcp-Session-Id is mapped, not copied).</summary>
    public static readonly string[] ForwardedResponseHeaders = ["Content-Type", "Cache-Control", "Content-Language", "Retry-After", ProtocolVersion];
}
