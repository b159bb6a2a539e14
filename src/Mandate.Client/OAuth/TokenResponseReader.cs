using System.Text.Json;
using Mandate.Client.Http;

namespace Mandate.Client.OAuth;

/// <summary>Turns a token endpoint's answer into a <see cref="TokenResponse"/>, or throws what went wrong.</summary>
internal static class TokenResponseReader
{
    private const string Redacted = "[redacted]";

    /// <exception cref="OAuthException">An OAuth error response.</exception>
    /// <exception cref="HttpRequestException">Anything else that is not a token response.</exception>
    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response, IReadOnlyList<string> secrets, TimeProvider time, int maxBytes, CancellationToken cancellationToken)
    {
        using var document = await ResponseJson.ReadAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            if (document is not null && ResponseJson.GetString(document.RootElement, "error") is { Length: > 0 } error)
            {
                var description = Redact(ResponseJson.GetString(document.RootElement, "error_description"), secrets);
                throw new OAuthException(Redact(error, secrets)!, description, ResponseJson.GetString(document.RootElement, "error_uri"), response.StatusCode);
            }

            throw new HttpRequestException($"The token endpoint answered HTTP {status} without an OAuth error.", null, response.StatusCode);
        }

        var root = document?.RootElement;
        if (root is not { } body
            || ResponseJson.GetString(body, "access_token") is not { Length: > 0 } accessToken
            || ResponseJson.GetString(body, "token_type") is not { Length: > 0 } tokenType)
        {
            throw new HttpRequestException($"The token endpoint answered HTTP {status} without access_token and token_type.", null, response.StatusCode);
        }

        var expiresIn = ReadExpiresIn(body);
        return new TokenResponse
        {
            AccessToken = accessToken,
            TokenType = tokenType,
            IssuedTokenType = ResponseJson.GetString(body, "issued_token_type"),
            ExpiresIn = expiresIn,
            ExpiresAt = expiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
            Scope = ResponseJson.GetString(body, "scope"),
            RefreshToken = ResponseJson.GetString(body, "refresh_token"),
        };
    }

    private static int? ReadExpiresIn(JsonElement body)
    {
        if (!body.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        // Some servers send the number as a string; both mean seconds.
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) && n >= 0 => n,
            JsonValueKind.String when int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    /// <summary>Cuts every secret the request carried out of server-provided text, in case a server echoes one.</summary>
    internal static string? Redact(string? text, IReadOnlyList<string> secrets)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (secret.Length >= 8)
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
