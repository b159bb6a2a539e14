using System.Net.Http.Headers;
using Mandate.Client.Http;
using Mandate.Protocol.Dpop;

namespace Mandate.Client.Dpop;

/// <summary>
/// Adds a fresh DPoP proof (RFC 9449) to every request: <c>htm</c>, <c>htu</c> (the URI without query and fragment),
/// <c>iat</c>, a random <c>jti</c>, <c>ath</c> when the request carries <c>Authorization: DPoP &lt;token&gt;</c>, and the
/// origin's last <c>DPoP-Nonce</c>. Nonces are remembered per origin from every response. When a server asks for a
/// nonce (<c>400 use_dpop_nonce</c> from a token endpoint, <c>401</c> with <c>WWW-Authenticate: DPoP
/// error="use_dpop_nonce"</c> from a resource), the request is sent once more with a new proof carrying it; its body is
/// buffered beforehand when it could not otherwise be sent twice. Requests with <c>Authorization: Bearer</c> pass
/// without a proof unless <see cref="DpopHandlerOptions.UpgradeBearerTokens"/> is set.
/// </summary>
public sealed class DpopHandler : DelegatingHandler
{
    private readonly DpopNonceStore nonces = new();
    private readonly DpopHandlerOptions options;

    /// <summary>Creates a handler to put in front of another (set <see cref="DelegatingHandler.InnerHandler"/>, or let a handler pipeline do it).</summary>
    /// <param name="key">The proof key. The handler does not dispose it.</param>
    /// <param name="options">Bearer upgrade and clock; the defaults when null.</param>
    public DpopHandler(DpopKey key, DpopHandlerOptions? options = null)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        this.options = options ?? new DpopHandlerOptions();
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/>.</summary>
    /// <param name="key">The proof key. The handler does not dispose it.</param>
    /// <param name="innerHandler">The handler that sends the requests (a <see cref="SocketsHttpHandler"/>, usually).</param>
    /// <param name="options">Bearer upgrade and clock; the defaults when null.</param>
    public DpopHandler(DpopKey key, HttpMessageHandler innerHandler, DpopHandlerOptions? options = null)
        : base(innerHandler)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        this.options = options ?? new DpopHandlerOptions();
    }

    /// <summary>The key proofs are signed with.</summary>
    public DpopKey Key { get; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("A DPoP proof needs the request's absolute URI.");
        if (!TryGetAccessToken(request, out var accessToken))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await RequestContent.MakeResendableAsync(request, cancellationToken).ConfigureAwait(false);
        AttachProof(request, uri, accessToken, nonces.Get(uri));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var nonce = nonces.Remember(uri, response);
        if (nonce is null || !await DpopChallenge.IsNonceChallengeAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        // Once only: a server that refuses the nonce it just gave is answered with its own refusal.
        response.Dispose();
        AttachProof(request, uri, accessToken, nonce);
        var retried = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        nonces.Remember(uri, retried);
        return retried;
    }

    /// <summary>
    /// Reads (and, when asked, upgrades) the request's access token. False for a Bearer request left as it is: it
    /// gets no proof.
    /// </summary>
    private bool TryGetAccessToken(HttpRequestMessage request, out string? accessToken)
    {
        accessToken = null;
        if (request.Headers.Authorization is not { } authorization)
        {
            return true;
        }

        if (string.Equals(authorization.Scheme, DpopConstants.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            accessToken = authorization.Parameter;
            return true;
        }

        if (!string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return true; // Basic (client_secret_basic at a token endpoint) and other schemes still get a proof.
        }

        if (!options.UpgradeBearerTokens)
        {
            return false;
        }

        accessToken = authorization.Parameter;
        request.Headers.Authorization = new AuthenticationHeaderValue(DpopConstants.Scheme, accessToken);
        return true;
    }

    private void AttachProof(HttpRequestMessage request, Uri uri, string? accessToken, string? nonce)
    {
        var claims = new DpopProofClaims(request.Method.Method, uri.AbsoluteUri, options.TimeProvider.GetUtcNow(), DpopProofBuilder.NewJwtId())
        {
            AccessToken = string.IsNullOrEmpty(accessToken) ? null : accessToken,
            Nonce = nonce,
        };
        request.Headers.Remove(DpopConstants.ProofHeader);
        request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, Key.CreateProof(claims));
    }
}
