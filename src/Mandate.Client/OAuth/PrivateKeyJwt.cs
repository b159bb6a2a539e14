using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.Client.OAuth;

/// <summary>
/// <c>private_key_jwt</c> (RFC 7523 §2.2, OpenID Connect Core §9): each token request carries a new assertion signed
/// with the client's key: <c>iss</c> = <c>sub</c> = client_id, <c>aud</c> = the token endpoint URL, a random
/// <c>jti</c>, <c>iat</c>, and <c>exp</c> 60 seconds later. The server knows the public key from the client's
/// registered <c>jwks</c> or <c>jwks_uri</c> (<c>mandate clients add --jwks-file</c>).
/// </summary>
public sealed class PrivateKeyJwt : ClientAuthentication
{
    /// <summary>The <c>client_assertion_type</c> of a JWT assertion (RFC 7523 §2.2).</summary>
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>How long an assertion is valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly Lock signing = new();
    private readonly TimeProvider time;

    /// <summary>Creates the credentials.</summary>
    /// <param name="clientId">The client's <c>client_id</c>.</param>
    /// <param name="key">The client's private key (ES256, EdDSA, PS256 or RS256). Its <c>kid</c>, when not empty, goes in the header. Not disposed here.</param>
    /// <param name="time">The clock for <c>iat</c> and <c>exp</c>; the system clock when null.</param>
    public PrivateKeyJwt(string clientId, JwsKey key, TimeProvider? time = null)
        : base(clientId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.CanSign)
        {
            throw new ArgumentException("A client assertion key must hold its private half.", nameof(key));
        }

        Key = key;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The signing key.</summary>
    public JwsKey Key { get; }

    /// <summary>Creates one assertion for <paramref name="audience"/>.</summary>
    /// <param name="audience">The token endpoint URL.</param>
    /// <returns>The signed JWT.</returns>
    public string CreateAssertion(string audience)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var now = time.GetUtcNow();
        var jti = DpopProofBuilder.NewJwtId();
        lock (signing)
        {
            return CompactJws.Create(Key, "JWT", includeKeyId: Key.KeyId.Length > 0, writeHeaderMembers: null, w =>
            {
                w.WriteString("iss", ClientId);
                w.WriteString("sub", ClientId);
                w.WriteString("aud", audience);
                w.WriteString("jti", jti);
                w.WriteNumber("iat", now.ToUnixTimeSeconds());
                w.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            });
        }
    }

    internal override IEnumerable<string> Apply(HttpRequestMessage request, ICollection<KeyValuePair<string, string>> form, string tokenEndpoint)
    {
        var assertion = CreateAssertion(tokenEndpoint);
        form.Add(new("client_assertion_type", AssertionType));
        form.Add(new("client_assertion", assertion));
        return [assertion];
    }

    /// <summary>Names the method and client.</summary>
    /// <returns>A description without key material.</returns>
    public override string ToString() => $"private_key_jwt ({ClientId})";
}
