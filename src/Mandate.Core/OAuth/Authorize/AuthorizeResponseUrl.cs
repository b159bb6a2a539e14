using System.Text;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Authorize;

/// <summary>Builds the redirect back to the client, always with RFC 9207 iss, keeping any query the redirect URI has.</summary>
public static class AuthorizeResponseUrl
{
    public static string Success(string redirectUri, string code, string? state, string issuer) =>
        Build(redirectUri, [("code", code), ("state", state), ("iss", issuer)]);

    public static string Failure(string redirectUri, OAuthError error, string? state, string issuer)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Build(redirectUri, [("error", error.Error), ("error_description", error.Description), ("state", state), ("iss", issuer)]);
    }

    private static string Build(string redirectUri, (string Name, string? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var builder = new StringBuilder(redirectUri);
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
