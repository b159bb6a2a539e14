namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// Headers that never cross the HTTP gateway (hop-by-hop headers are YARP's to drop). To the upstream: the caller's own
/// credentials (its Mandate token, DPoP proof, cookies), browser context and forwarding claims the gateway does not
/// vouch for. Back to the caller: anything that would act on Mandate's own origin (cookies, HSTS, Alt-Svc, CORS) or
/// invite the caller to authenticate to the upstream (it authenticates to Mandate).
/// </summary>
public static class HttpApiHeaders
{
    public static readonly IReadOnlySet<string> NotForwarded = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "DPoP", "Cookie", "Cookie2", "Origin", "Referer",
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP",
        "Mandate-Audit-Id",
    };

    public static readonly IReadOnlySet<string> NotReturned = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Set-Cookie", "Set-Cookie2", "WWW-Authenticate", "Proxy-Authenticate", "Authentication-Info", "Strict-Transport-Security", "Alt-Svc",
        "Clear-Site-Data", "Public-Key-Pins", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
    };
}
