using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Dpop;

/// <summary>
/// Public keys imported from DPoP proofs' <c>jwk</c> headers, by RFC 7638 thumbprint and algorithm. A client signs
/// every proof with the same key, and importing a key (an EC point check, an RSA modulus) costs more than verifying
/// with it. Keyed by the thumbprint, which is a hash of exactly the members that define the key, so a cached key is
/// the same key the header describes. Bounded: when full, it starts over.
/// </summary>
internal sealed class DpopKeyCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Thumbprint, string Algorithm), JwsKey> keys = new();

    /// <summary>The imported key for this jwk and alg, or null when the jwk is not a usable public key.</summary>
    public JwsKey? GetOrImport(JsonElement jwk, string algorithm, string thumbprint)
    {
        if (keys.TryGetValue((thumbprint, algorithm), out var cached))
        {
            return cached;
        }

        var key = JwkReader.Read(jwk, algorithm);
        if (key is null || capacity <= 0)
        {
            return key;
        }

        if (keys.Count >= capacity)
        {
            // Keys dropped here may still be verifying on another thread: they are left to the finalizer, not disposed.
            keys.Clear();
        }

        return keys.GetOrAdd((thumbprint, algorithm), key);
    }
}
