namespace Mandate.Core.Configuration;

/// <summary>The Gateway section's checks, run by <see cref="MandateOptionsValidator"/> with every other one.</summary>
public static class GatewayOptionsValidation
{
    public static void Validate(GatewayOptions gateway, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var origin in gateway.AllowedOrigins.Where(o => !IsOrigin(o)))
        {
            errors.Add($"Gateway:AllowedOrigins entry '{origin}' is not an origin (scheme://host[:port], no path).");
        }

        if (gateway.MaxRequestBytes is < 1024 or > 256L * 1024 * 1024)
        {
            errors.Add("Gateway:MaxRequestBytes must be between 1 KiB and 256 MiB.");
        }

        if (gateway.MaxHttpRequestBytes is < 1024 or > 16L * 1024 * 1024 * 1024)
        {
            errors.Add("Gateway:MaxHttpRequestBytes must be between 1 KiB and 16 GiB.");
        }

        if (gateway.MaxToolsListBytes is < 1024 or > 256L * 1024 * 1024)
        {
            errors.Add("Gateway:MaxToolsListBytes must be between 1 KiB and 256 MiB.");
        }

        if (gateway.UpstreamTimeout <= TimeSpan.Zero || gateway.UpstreamTimeout > TimeSpan.FromHours(1))
        {
            errors.Add("Gateway:UpstreamTimeout must be between 1 second and 1 hour.");
        }

        if (gateway.ClientRequestsPerMinute < 0 || gateway.UserRequestsPerMinute < 0)
        {
            errors.Add("Gateway:ClientRequestsPerMinute and Gateway:UserRequestsPerMinute must be 0 (off) or more.");
        }

        if (gateway.SessionIdleTimeout < TimeSpan.FromMinutes(1))
        {
            errors.Add("Gateway:SessionIdleTimeout must be at least 1 minute.");
        }

        if (gateway.RevocationCheckInterval < TimeSpan.Zero || gateway.RevocationCheckInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add("Gateway:RevocationCheckInterval must be between 0 and 5 minutes.");
        }

        if (gateway.ApprovalTimeout < TimeSpan.FromSeconds(1) || gateway.ApprovalTimeout > TimeSpan.FromHours(1))
        {
            errors.Add("Gateway:ApprovalTimeout must be between 1 second and 1 hour.");
        }

        if (gateway.TokenCacheSize is < 0 or > 10_000_000)
        {
            errors.Add("Gateway:TokenCacheSize must be between 0 (no cache) and 10000000.");
        }
    }

    /// <summary>An absolute http(s) URL with nothing after the authority (a trailing '/' is tolerated).</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !value!.Contains('?', StringComparison.Ordinal) && !value.Contains('#', StringComparison.Ordinal);

    /// <summary>scheme://host[:port] in lower case without a default port: the form browsers send in Origin.</summary>
    public static string? Normalize(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant()
            : null;
}
