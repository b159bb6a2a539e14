namespace Mandate.Core.Gateway.Authorization;

/// <summary>One verified token in <see cref="ValidatedTokenCache"/> and what is known of its revocation (read and written by concurrent requests).</summary>
public sealed class CachedToken(GatewayToken token)
{
    private long revocationCheckedAtTicks = DateTimeOffset.MinValue.UtcTicks;
    private volatile bool revoked;

    public GatewayToken Token { get; } = token;

    /// <summary>When the revocation list last said "not revoked" for this token.</summary>
    public DateTimeOffset RevocationCheckedAt
    {
        get => new(Interlocked.Read(ref revocationCheckedAtTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref revocationCheckedAtTicks, value.UtcTicks);
    }

    public bool Revoked
    {
        get => revoked;
        set => revoked = value;
    }
}
