using Mandate.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// DNS-rebinding protection (MCP transports: servers MUST validate Origin): a browser request is allowed only from
/// the issuer's own origin or one listed in Gateway:AllowedOrigins. Requests without Origin are not from a browser
/// page and pass (the token check still applies).
/// </summary>
public sealed class OriginCheck
{
    private readonly HashSet<string> allowed;

    public OriginCheck(IOptions<MandateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in options.Value.Gateway.AllowedOrigins.Append(options.Value.Issuer))
        {
            if (GatewayOptionsValidation.Normalize(origin) is { } normalized)
            {
                allowed.Add(normalized);
            }
        }
    }

    public bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue("Origin", out var origin))
        {
            return true;
        }

        return origin.Count == 1 && IsAllowedOrigin(origin.ToString());
    }

    /// <summary>Whether a browser page at this origin may call the gateway (also the gateway's CORS policy).</summary>
    public bool IsAllowedOrigin(string origin) =>
        GatewayOptionsValidation.Normalize(origin) is { } normalized && allowed.Contains(normalized);
}
