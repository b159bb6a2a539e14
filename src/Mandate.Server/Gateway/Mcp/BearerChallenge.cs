using Mandate.Core.Gateway;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The one WWW-Authenticate: Bearer challenge of MCP authorization (RFC 6750, RFC 9728 resource_metadata): 401 names
/// the scope to ask for and, when a token was presented, says invalid_token and nothing about why; 403 says
/// insufficient_scope with the full scope set the call needs.
/// </summary>
public static class BearerChallenge
{
    public static Task WriteUnauthorizedAsync(HttpContext context, ResolvedUpstream upstream, bool tokenPresented)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var error = tokenPresented ? "error=\"invalid_token\", " : string.Empty;
        return WriteAsync(context, StatusCodes.Status401Unauthorized, $"Bearer {error}resource_metadata=\"{upstream.MetadataUri}\", scope=\"{GatewayScopes.Read}\"");
    }

    public static Task WriteInsufficientScopeAsync(HttpContext context, ResolvedUpstream upstream, string requiredScope)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        return WriteAsync(context, StatusCodes.Status403Forbidden, $"Bearer error=\"insufficient_scope\", scope=\"{requiredScope}\", resource_metadata=\"{upstream.MetadataUri}\"");
    }

    private static Task WriteAsync(HttpContext context, int status, string challenge)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    /// <summary>The token of "Authorization: Bearer ..." (one header, one token); null when absent or of another form.</summary>
    public static string? ReadToken(HttpRequest request, out bool presented)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.Authorization;
        presented = values.Count > 0;
        if (values.Count != 1 || values.ToString() is not { } header || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[7..].Trim();
        return token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) ? null : token;
    }
}
