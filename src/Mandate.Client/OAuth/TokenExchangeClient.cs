using Mandate.Client.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Client.OAuth;

/// <summary>
/// Token exchange (RFC 8693) for delegation that only narrows: a sub-agent trades the token its delegator gave it for
/// its own, with fewer scopes, naming it in the <c>act</c> chain, and, with a <see cref="TokenClientOptions.DpopKey"/>,
/// bound to the sub-agent's key. Thread-safe; keep one per client.
/// </summary>
public sealed class TokenExchangeClient : IDisposable
{
    private readonly TokenEndpointChannel channel;

    /// <summary>Creates a client that sends its requests with its own <see cref="SocketsHttpHandler"/>.</summary>
    /// <param name="options">Endpoint, client authentication and DPoP key.</param>
    public TokenExchangeClient(TokenClientOptions options)
    {
        channel = new TokenEndpointChannel(options, innerHandler: null, disposeHandler: true);
    }

    /// <summary>Creates a client that sends its requests through <paramref name="innerHandler"/> (with a DPoP handler in front when a key is set).</summary>
    /// <param name="options">Endpoint, client authentication and DPoP key.</param>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    /// <param name="disposeHandler">Whether disposing this client disposes <paramref name="innerHandler"/>.</param>
    public TokenExchangeClient(TokenClientOptions options, HttpMessageHandler innerHandler, bool disposeHandler = false)
    {
        ArgumentNullException.ThrowIfNull(innerHandler);
        channel = new TokenEndpointChannel(options, innerHandler, disposeHandler);
    }

    /// <summary>The options in force.</summary>
    public TokenClientOptions Options => channel.Options;

    /// <summary>Exchanges <paramref name="subjectToken"/> for a narrower token for this client.</summary>
    /// <param name="subjectToken">The delegator's access token.</param>
    /// <param name="scopes">The scopes wanted (a subset of the subject token's); null keeps them all.</param>
    /// <param name="resource">Where the token will be used; null keeps the subject token's audience.</param>
    /// <param name="actorToken">This agent's own access token (or a JWT assertion: use the request overload), or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new token.</returns>
    /// <exception cref="OAuthException">The server refused: <c>invalid_scope</c> (wider than the subject token), <c>invalid_target</c>, <c>invalid_request</c> (not allowed to act), <c>unauthorized_client</c>, …</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer as a token endpoint.</exception>
    public Task<TokenResponse> ExchangeAsync(string subjectToken, IEnumerable<string>? scopes, string? resource, string? actorToken = null, CancellationToken cancellationToken = default) =>
        ExchangeAsync(new TokenExchangeRequest { SubjectToken = subjectToken, Scopes = scopes?.ToList(), Resource = resource, ActorToken = actorToken }, cancellationToken);

    /// <summary>Sends a token exchange request with every parameter under the caller's control.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new token.</returns>
    /// <exception cref="OAuthException">The server refused.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer as a token endpoint.</exception>
    public Task<TokenResponse> ExchangeAsync(TokenExchangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.SubjectToken);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", GrantTypes.TokenExchange),
            new("subject_token", request.SubjectToken),
            new("subject_token_type", request.SubjectTokenType),
        };
        var secrets = new List<string> { request.SubjectToken };
        if (request.ActorToken is { Length: > 0 } actor)
        {
            form.Add(new("actor_token", actor));
            form.Add(new("actor_token_type", request.ActorTokenType));
            secrets.Add(actor);
        }

        if (request.Scopes is { Count: > 0 } scopes)
        {
            form.Add(new("scope", ScopeParser.Join(scopes)));
        }

        AddIfPresent(form, "resource", request.Resource);
        AddIfPresent(form, "audience", request.Audience);
        AddIfPresent(form, "requested_token_type", request.RequestedTokenType);
        return channel.RequestAsync(form, secrets, cancellationToken);
    }

    /// <summary>
    /// A token provider for an <see cref="HttpClient"/> (see <c>MandateHttpClient</c>): exchanges the subject token
    /// when first asked, keeps the result, and exchanges again shortly before it expires.
    /// </summary>
    /// <param name="subjectToken">Gets the delegator's current token (called at each exchange, so it may refresh too).</param>
    /// <param name="scopes">The scopes wanted; null keeps the subject token's.</param>
    /// <param name="resource">Where the token will be used; null keeps the subject token's audience.</param>
    /// <returns>The provider.</returns>
    public CachingTokenProvider CreateTokenProvider(Func<CancellationToken, ValueTask<string>> subjectToken, IEnumerable<string>? scopes, string? resource)
    {
        ArgumentNullException.ThrowIfNull(subjectToken);
        var wanted = scopes?.ToList();
        return new CachingTokenProvider(
            async ct => await ExchangeAsync(await subjectToken(ct).ConfigureAwait(false), wanted, resource, actorToken: null, ct).ConfigureAwait(false),
            Options.TimeProvider);
    }

    /// <inheritdoc />
    public void Dispose() => channel.Dispose();

    private static void AddIfPresent(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            form.Add(new(name, value));
        }
    }
}
