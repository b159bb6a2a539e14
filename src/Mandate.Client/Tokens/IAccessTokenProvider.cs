using Mandate.Client.OAuth;

namespace Mandate.Client.Tokens;

/// <summary>Gives the access token to send with the next request; <see cref="AccessTokenHandler"/> asks it before each one.</summary>
public interface IAccessTokenProvider
{
    /// <summary>The current token: cached while it is fresh, obtained anew when it is not.</summary>
    /// <param name="cancellationToken">Cancels obtaining a token.</param>
    /// <returns>The token and its type (DPoP or Bearer).</returns>
    ValueTask<TokenResponse> GetTokenAsync(CancellationToken cancellationToken);
}
