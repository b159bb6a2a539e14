using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Dpop;

/// <summary>
/// Creates DPoP proofs (RFC 9449 §4.2) with a client's key: header {alg, typ: dpop+jwt, jwk} and claims jti, htm, htu,
/// iat, plus ath when an access token goes with the request and nonce when the server gave one. Each call makes a
/// new proof with a fresh 128-bit random jti.
/// </summary>
public sealed class DpopProofBuilder
{
    private readonly TimeProvider time;

    /// <summary>Creates a builder for one key.</summary>
    /// <param name="key">The proof-of-possession key; it must hold its private half. The builder does not dispose it.</param>
    /// <param name="time">The clock for <c>iat</c>; the system clock when null.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> cannot sign.</exception>
    public DpopProofBuilder(JwsKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.CanSign)
        {
            throw new ArgumentException("A DPoP key must hold its private half.", nameof(key));
        }

        Key = key;
        this.time = time ?? TimeProvider.System;
        Thumbprint = JwkThumbprint.Compute(key);
    }

    /// <summary>The key proofs are signed with.</summary>
    public JwsKey Key { get; }

    /// <summary>The key's RFC 7638 thumbprint: the <c>jkt</c> tokens get bound to, and the <c>dpop_jkt</c> to send to /authorize.</summary>
    public string Thumbprint { get; }

    /// <summary>Creates a proof for one request, issued now.</summary>
    /// <param name="method">The request's HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="uri">The request's absolute URI; its query and fragment are left out of <c>htu</c>.</param>
    /// <param name="accessToken">The access token sent with the request, or null (token requests).</param>
    /// <param name="nonce">The last <c>DPoP-Nonce</c> the server sent, or null.</param>
    /// <returns>The proof, for the request's <c>DPoP</c> header.</returns>
    public string Create(string method, string uri, string? accessToken = null, string? nonce = null) =>
        Create(Key, new DpopProofClaims(method, uri, time.GetUtcNow(), NewJwtId()) { AccessToken = accessToken, Nonce = nonce });

    /// <summary>Creates a proof with every claim given (tests, or callers with their own clock and identifiers).</summary>
    /// <param name="key">The signing key; it must hold its private half.</param>
    /// <param name="claims">What the proof says.</param>
    /// <returns>The proof.</returns>
    public static string Create(JwsKey key, DpopProofClaims claims)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrEmpty(claims.Method);
        ArgumentException.ThrowIfNullOrEmpty(claims.Uri);
        ArgumentException.ThrowIfNullOrEmpty(claims.JwtId);
        var ath = claims.AccessToken is null ? null : AccessTokenHash.Compute(claims.AccessToken);
        return CompactJws.Create(key, DpopConstants.JwtType, includeKeyId: false, w =>
        {
            w.WriteStartObject("jwk");
            key.WritePublicMembers(w);
            w.WriteEndObject();
        }, w =>
        {
            w.WriteString("jti", claims.JwtId);
            w.WriteString("htm", claims.Method);
            w.WriteString("htu", DpopTargetUri.StripQueryAndFragment(claims.Uri));
            w.WriteNumber("iat", claims.IssuedAt.ToUnixTimeSeconds());
            if (ath is not null)
            {
                w.WriteString("ath", ath);
            }

            if (claims.Nonce is not null)
            {
                w.WriteString("nonce", claims.Nonce);
            }
        });
    }

    /// <summary>A new proof identifier: 128 random bits, base64url (RFC 9449 asks for at least 96).</summary>
    /// <returns>The identifier.</returns>
    public static string NewJwtId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
