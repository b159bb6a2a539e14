using Mandate.Client.OAuth;

namespace Mandate.Client.Tokens;

/// <summary>
/// Keeps a token until shortly before it expires, then gets a new one: <see cref="RefreshBeforeExpiry"/> ahead, or
/// half the token's lifetime for tokens shorter than twice that. One request at a time obtains a token; concurrent
/// callers wait for it. A token without <c>expires_in</c> is kept until <see cref="Invalidate"/>.
/// </summary>
public sealed class CachingTokenProvider : IAccessTokenProvider, IDisposable
{
    private readonly Func<CancellationToken, ValueTask<TokenResponse>> fetch;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile TokenResponse? current;

    /// <summary>Creates a provider.</summary>
    /// <param name="fetch">Obtains a new token (a token exchange, a client credentials request, …).</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public CachingTokenProvider(Func<CancellationToken, ValueTask<TokenResponse>> fetch, TimeProvider? time = null)
    {
        this.fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How long before expiry a new token is obtained; 60 seconds by default.</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public async ValueTask<TokenResponse> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (current is { } fresh && IsFresh(fresh))
        {
            return fresh;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is { } other && IsFresh(other))
            {
                return other;
            }

            var token = await fetch(cancellationToken).ConfigureAwait(false);
            current = token;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the cached token, so the next request obtains a new one.</summary>
    public void Invalidate() => current = null;

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    private bool IsFresh(TokenResponse token)
    {
        if (token.ExpiresAt is not { } expiresAt)
        {
            return true;
        }

        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn ?? 0);
        var margin = lifetime > TimeSpan.Zero && lifetime < RefreshBeforeExpiry * 2 ? lifetime / 2 : RefreshBeforeExpiry;
        return time.GetUtcNow() < expiresAt - margin;
    }
}
