using Mandate.Protocol.Internal;

namespace Mandate.Protocol.Redirects;

/// <summary>
/// Redirect URI rules: registration-time validation and request-time matching
/// (OAuth 2.1 exact matching with the RFC 8252 §7.3 loopback port exception).
/// </summary>
public static class RedirectUris
{
    private static readonly string[] DangerousSchemes =
        ["javascript", "data", "file", "vbscript", "about", "blob", "filesystem", "view-source", "jar", "ftp", "ws", "wss", "mailto", "tel"];

    /// <summary>
    /// Decides whether a redirect URI sent in a request matches a registered one.
    /// The comparison is an exact ordinal string match, except that for <c>http</c> URIs whose host is
    /// <c>127.0.0.1</c>, <c>[::1]</c> or <c>localhost</c> (identical in both) the port may differ
    /// (RFC 8252 §7.3). Path and query are never case-normalised.
    /// </summary>
    /// <param name="registered">The redirect URI stored at registration.</param>
    /// <param name="requested">The redirect URI from the authorization or token request.</param>
    /// <returns>True when the requested URI is acceptable for the registered one.</returns>
    public static bool Matches(string registered, string requested)
    {
        if (registered is null || requested is null || requested.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        if (!TrySplitLoopbackHttp(registered, out var reg) || !TrySplitLoopbackHttp(requested, out var req))
        {
            return false;
        }

        return string.Equals(reg.Host, req.Host, StringComparison.Ordinal)
            && string.Equals(reg.Path, req.Path, StringComparison.Ordinal)
            && string.Equals(reg.Query, req.Query, StringComparison.Ordinal);
    }

    /// <summary>
    /// Validates a redirect URI for client registration. It must be absolute, without fragment or user
    /// information, and use <c>https</c>; <c>http</c> only with a loopback host (<c>127.0.0.1</c>,
    /// <c>[::1]</c>, <c>localhost</c>); or a private-use scheme containing a dot such as
    /// <c>com.example.app:/cb</c> (RFC 8252 §7.1).
    /// </summary>
    /// <param name="uri">The redirect URI to validate.</param>
    /// <returns>The validation outcome.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design",
        "CA1054:URI-like parameters should not be strings",
        Justification = "Redirect URIs are compared as exact strings; System.Uri would normalise them.")]
    public static RedirectUriCheck Validate(string uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return RedirectUriCheck.Invalid("redirect_uri is empty");
        }

        if (UriText.HasForbiddenCharacters(uri))
        {
            return RedirectUriCheck.Invalid("redirect_uri contains whitespace, control or non-ASCII characters");
        }

        if (!UriText.TrySplit(uri, out var parts) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return RedirectUriCheck.Invalid("redirect_uri must be an absolute URI");
        }

        if (parts.HasFragment)
        {
            return RedirectUriCheck.Invalid("redirect_uri must not contain a fragment");
        }

        if (parts.UserInfo is not null || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return RedirectUriCheck.Invalid("redirect_uri must not contain user information");
        }

        var scheme = parts.Scheme.ToLowerInvariant();
        if (Array.IndexOf(DangerousSchemes, scheme) >= 0)
        {
            return RedirectUriCheck.Invalid($"redirect_uri scheme '{scheme}' is not allowed");
        }

        return scheme switch
        {
            "https" => ValidateHttps(parts),
            "http" => ValidateHttp(parts),
            _ when scheme.Contains('.', StringComparison.Ordinal) => RedirectUriCheck.Valid,
            _ => RedirectUriCheck.Invalid(
                "redirect_uri must use https, http on a loopback host, or a private-use scheme containing a dot"),
        };
    }

    private static RedirectUriCheck ValidateHttps(UriParts parts)
    {
        if (parts.Authority is null || parts.Host.Length == 0)
        {
            return RedirectUriCheck.Invalid("redirect_uri must have a host");
        }

        return LoopbackHosts.IsValidPort(parts.Port)
            ? RedirectUriCheck.Valid
            : RedirectUriCheck.Invalid("redirect_uri has an invalid port");
    }

    private static RedirectUriCheck ValidateHttp(UriParts parts)
    {
        if (parts.Authority is null || !LoopbackHosts.IsLoopbackHost(parts.Host))
        {
            return RedirectUriCheck.Invalid("http redirect_uri is only allowed for 127.0.0.1, [::1] or localhost");
        }

        return LoopbackHosts.IsValidPort(parts.Port)
            ? RedirectUriCheck.Valid
            : RedirectUriCheck.Invalid("redirect_uri has an invalid port");
    }

    private static bool TrySplitLoopbackHttp(string value, out UriParts parts) =>
        UriText.TrySplit(value, out parts)
        && string.Equals(parts.Scheme, "http", StringComparison.Ordinal)
        && parts.Authority is not null
        && parts.UserInfo is null
        && !parts.HasFragment
        && LoopbackHosts.IsLoopbackHost(parts.Host)
        && LoopbackHosts.IsValidPort(parts.Port)
        && Uri.TryCreate(value, UriKind.Absolute, out _);
}
