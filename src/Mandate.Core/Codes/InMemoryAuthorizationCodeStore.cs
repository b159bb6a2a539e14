using System.Collections.Concurrent;
using Mandate.Core.Security;
using Mandate.Core.Tokens;

namespace Mandate.Core.Codes;

/// <summary>
/// Codes in a concurrent dictionary keyed by the code's hash. Redeemed entries stay (without the grant) for a while so a
/// replay is recognised as one; expired entries are swept as new codes arrive.
/// </summary>
public sealed class InMemoryAuthorizationCodeStore(TimeProvider time) : IAuthorizationCodeStore
{
    private static readonly TimeSpan ReplayMemory = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long lastSweepTicks;

    public Task<string> CreateAsync(AuthorizationCodeGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        SweepIfDue();
        var code = RandomTokens.Create(32);
        entries[TokenHashing.Hash(code)] = new Entry(grant);
        return Task.FromResult(code);
    }

    public Task<CodeRedemption> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 256 || !entries.TryGetValue(TokenHashing.Hash(code), out var entry))
        {
            return Task.FromResult(new CodeRedemption(CodeRedemptionOutcome.NotFound));
        }

        if (Interlocked.Exchange(ref entry.Redeemed, 1) == 1)
        {
            // Full fences on both sides (here and in RecordIssuedAsync): either this replay sees what was issued, or the
            // first redemption sees the replay when it records, so the tokens are revoked in every interleaving.
            Interlocked.Exchange(ref entry.ReplaySeen, 1);
            return Task.FromResult(new CodeRedemption(CodeRedemptionOutcome.Replayed, entry.Grant, Volatile.Read(ref entry.Issued)));
        }

        if (entry.Grant.ExpiresAt <= time.GetUtcNow())
        {
            return Task.FromResult(new CodeRedemption(CodeRedemptionOutcome.NotFound));
        }

        return Task.FromResult(new CodeRedemption(CodeRedemptionOutcome.Redeemed, entry.Grant));
    }

    public Task<bool> RecordIssuedAsync(string code, IssuedFromCode issued, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(TokenHashing.Hash(code), out var entry))
        {
            return Task.FromResult(false);
        }

        Interlocked.Exchange(ref entry.Issued, issued);
        return Task.FromResult(Interlocked.CompareExchange(ref entry.ReplaySeen, 0, 0) == 1);
    }

    private void SweepIfDue()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.FromSeconds(30).Ticks || Interlocked.CompareExchange(ref lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, entry) in entries)
        {
            if (entry.Grant.ExpiresAt + ReplayMemory <= now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(AuthorizationCodeGrant grant)
    {
        public int Redeemed;

        public int ReplaySeen;

        public IssuedFromCode? Issued;

        public AuthorizationCodeGrant Grant { get; } = grant;
    }
}
