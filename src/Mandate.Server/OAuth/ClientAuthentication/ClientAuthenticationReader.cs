using System.Net.Http.Headers;
using System.Text;
using Mandate.Core.ClientAuthentication;
using Mandate.Core.OAuth;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.OAuth.ClientAuthentication;

/// <summary>
/// Collects what the client presented: HTTP Basic (RFC 6749 section 2.3.1: id and secret form-urlencoded before
/// base64), form fields, or a JWT assertion. A malformed Basic header is reported as such.
/// </summary>
public static class ClientAuthenticationReader
{
    public static ClientAuthenticationRequest? Read(HttpRequest request, OAuthParameters form, IReadOnlyList<string> acceptedAudiences)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        string? basicId = null, basicSecret = null;
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!AuthenticationHeaderValue.TryParse(header, out var parsed)
                || !string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                || !TryDecodeBasic(parsed.Parameter, out basicId, out basicSecret))
            {
                return null;
            }
        }

        return new ClientAuthenticationRequest
        {
            BasicClientId = basicId,
            BasicSecret = basicSecret,
            FormClientId = form["client_id"],
            FormSecret = form["client_secret"],
            AssertionType = form["client_assertion_type"],
            Assertion = form["client_assertion"],
            AcceptedAudiences = acceptedAudiences,
        };
    }

    private static bool TryDecodeBasic(string? value, out string? id, out string? secret)
    {
        id = secret = null;
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        id = FormDecode(decoded[..colon]);
        secret = FormDecode(decoded[(colon + 1)..]);
        return id.Length > 0;
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
