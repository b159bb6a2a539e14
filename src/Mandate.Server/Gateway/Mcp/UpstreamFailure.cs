namespace Mandate.Server.Gateway.Mcp;

/// <summary>Why an exchange with an upstream failed (reported as a value, never thrown).</summary>
public enum UpstreamFailure
{
    None,

    /// <summary>Connection refused, reset, DNS: 502.</summary>
    Unreachable,

    /// <summary>No response headers within Gateway:UpstreamTimeout: 504.</summary>
    Timeout,

    /// <summary>A 5xx, a redirect, or 401/403 (the gateway's own upstream credentials were refused): 502.</summary>
    BadStatus,

    /// <summary>A tools/list response the gateway could not read to filter: 502.</summary>
    Malformed,

    /// <summary>The client went away; nothing to answer.</summary>
    ClientAborted,
}
