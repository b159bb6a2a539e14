using System.Collections.Concurrent;
using Mandate.Protocol.Dpop;

namespace Mandate.Client.Dpop;

/// <summary>
/// The last <c>DPoP-Nonce</c> each origin (scheme, host and port) sent (RFC 9449 §8, §9). Thread-safe; bounded, so a
/// client talking to many servers does not grow without limit.
/// </summary>
internal sealed class DpopNonceStore
{
    private const int MaxOrigins = 256;
    private const int MaxNonceLength = 1024;

    private readonly ConcurrentDictionary<string, string> nonces = new(StringComparer.Ordinal);

    /// <summary>The nonce to put in the next proof for <paramref name="uri"/>'s origin, or null.</summary>
    public string? Get(Uri uri) => nonces.TryGetValue(OriginOf(uri), out var nonce) ? nonce : null;

    /// <summary>Remembers the response's <c>DPoP-Nonce</c>, if it has a well-formed one, and returns it.</summary>
    public string? Remember(Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(DpopConstants.NonceHeader, out var values))
        {
            return null;
        }

        var nonce = values.LastOrDefault();
        if (!IsWellFormed(nonce))
        {
            return null;
        }

        if (nonces.Count >= MaxOrigins)
        {
            nonces.Clear();
        }

        nonces[OriginOf(uri)] = nonce;
        return nonce;
    }

    /// <summary>RFC 9449 §8.1: <c>nonce = 1*NQCHAR</c>, NQCHAR = %x21 / %x23-5B / %x5D-7E.</summary>
    internal static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? nonce)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > MaxNonceLength)
        {
            return false;
        }

        foreach (var c in nonce)
        {
            if (c is < '\x21' or > '\x7e' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static string OriginOf(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
}
