using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Dpop;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8, §9), stateless: the nonce of a period is the HMAC of the period's number
/// under a key derived from the <see cref="ServerSecret"/>, so every instance sharing the data directory issues and
/// accepts the same ones. The current and the previous period's nonces are accepted, so a nonce lives between one and
/// two <see cref="DpopOptions.NonceLifetime"/>s. One nonce serves the token endpoint and every gateway resource alike:
/// they are one origin, and clients keep one nonce per origin.
/// </summary>
public sealed class DpopNonces(ServerSecret secret, IOptions<MandateOptions> options, TimeProvider time)
{
    private readonly Lazy<byte[]> key = new(() => secret.DeriveKey("DPoP nonce v1"));
    private volatile Period? cached;

    /// <summary>The nonce to hand out now (DPoP-Nonce header).</summary>
    public string Current() => Get(CurrentPeriod()).Nonce;

    /// <summary>The nonces a proof may carry now: this period's and the previous one's.</summary>
    public IReadOnlyList<string> Accepted()
    {
        var period = CurrentPeriod();
        return [Get(period).Nonce, Get(period - 1).Nonce];
    }

    private long CurrentPeriod()
    {
        var lifetime = Math.Max(1, (long)options.Value.Dpop.NonceLifetime.TotalSeconds);
        return time.GetUtcNow().ToUnixTimeSeconds() / lifetime;
    }

    private Period Get(long number)
    {
        if (cached is { } hit && hit.Number == number)
        {
            return hit;
        }

        var mac = HMACSHA256.HashData(key.Value, Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture)));
        var period = new Period(number, Base64Url.EncodeToString(mac));
        if (number == CurrentPeriod())
        {
            cached = period;
        }

        return period;
    }

    private sealed record Period(long Number, string Nonce);
}
