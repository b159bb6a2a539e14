using System.Net;
using System.Text.Json;
using Mandate.Client.Http;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.OAuth;

namespace Mandate.Client.Dpop;

/// <summary>Recognises a server asking for a (fresh) DPoP nonce (RFC 9449 §8 and §9).</summary>
internal static class DpopChallenge
{
    // Error bodies worth reading are a few hundred bytes; anything larger is not an OAuth error.
    private const int MaxErrorBodyBytes = 16 * 1024;

    /// <summary>
    /// True for <c>400 {"error":"use_dpop_nonce"}</c> (authorization server) and for <c>401</c> with
    /// <c>WWW-Authenticate: DPoP error="use_dpop_nonce"</c> (resource server). A 400's body stays readable.
    /// </summary>
    public static async Task<bool> IsNonceChallengeAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => HasDpopChallenge(response, OAuthErrorCodes.UseDpopNonce),
            HttpStatusCode.BadRequest => await HasErrorBodyAsync(response, OAuthErrorCodes.UseDpopNonce, cancellationToken).ConfigureAwait(false),
            _ => false,
        };

    private static bool HasDpopChallenge(HttpResponseMessage response, string error) =>
        response.Headers.WwwAuthenticate.Any(challenge =>
            string.Equals(challenge.Scheme, DpopConstants.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(AuthParameters.Find(challenge.Parameter, "error"), error, StringComparison.Ordinal));

    private static async Task<bool> HasErrorBodyAsync(HttpResponseMessage response, string error, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxErrorBodyBytes)
        {
            return false;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            // Bytes, not a stream: ReadAsStreamAsync hands out one cached stream, which the caller may still want.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.ValueEquals(error);
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException)
        {
            return false;
        }
    }
}
