using System.Collections.Concurrent;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>
/// The last <c>DPoP-Nonce</c> (RFC 9449 §9) each upstream origin sent, put in the next proof Mandate makes for a
/// DPoP-bound provider token going there. Per process: a stale or missing nonce costs one retried request.
/// </summary>
public sealed class UpstreamDpopNonces
{
    private const int MostOrigins = 1024;
    private const int LongestNonce = 256;
    private readonly ConcurrentDictionary<string, string> nonces = new(StringComparer.Ordinal);

    public string? For(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return nonces.GetValueOrDefault(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>Remembers the response's DPoP-Nonce, if it has one; true when it is new for that origin.</summary>
    public bool Remember(Uri uri, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("DPoP-Nonce", out var values) || values.FirstOrDefault() is not { Length: > 0 and <= LongestNonce } nonce)
        {
            return false;
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (nonces.Count >= MostOrigins && !nonces.ContainsKey(origin))
        {
            nonces.Clear();
        }

        var known = nonces.GetValueOrDefault(origin);
        nonces[origin] = nonce;
        return !string.Equals(known, nonce, StringComparison.Ordinal);
    }
}
