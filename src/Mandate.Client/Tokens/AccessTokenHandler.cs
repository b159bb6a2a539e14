using System.Net.Http.Headers;

namespace Mandate.Client.Tokens;

/// <summary>
/// Attaches the provider's current token to every request: <c>Authorization: DPoP &lt;token&gt;</c> for a DPoP-bound
/// token, <c>Authorization: Bearer &lt;token&gt;</c> otherwise. Put a <c>DpopHandler</c> after it (nearer the network)
/// so that DPoP-bound tokens travel with their proofs.
/// </summary>
public sealed class AccessTokenHandler : DelegatingHandler
{
    private readonly IAccessTokenProvider tokens;

    /// <summary>Creates a handler to put in a pipeline.</summary>
    /// <param name="tokens">Where tokens come from.</param>
    public AccessTokenHandler(IAccessTokenProvider tokens)
    {
        this.tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/>.</summary>
    /// <param name="tokens">Where tokens come from.</param>
    /// <param name="innerHandler">The next handler (a <c>DpopHandler</c> for DPoP-bound tokens).</param>
    public AccessTokenHandler(IAccessTokenProvider tokens, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        this.tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.AuthorizationScheme, token.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
