using Mandate.Client.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Client.OAuth;

/// <summary>
/// The client credentials grant (RFC 6749 §4.4): an agent's own token, acting for itself. With a
/// <see cref="TokenClientOptions.DpopKey"/> the token is bound to the agent's key. Thread-safe; keep one per client.
/// </summary>
public sealed class ClientCredentialsClient : IDisposable
{
    private readonly TokenEndpointChannel channel;

    /// <summary>Creates a client that sends its requests with its own <see cref="SocketsHttpHandler"/>.</summary>
    /// <param name="options">Endpoint, client authentication and DPoP key.</param>
    public ClientCredentialsClient(TokenClientOptions options)
    {
        channel = new TokenEndpointChannel(options, innerHandler: null, disposeHandler: true);
    }

    /// <summary>Creates a client that sends its requests through <paramref name="innerHandler"/> (with a DPoP handler in front when a key is set).</summary>
    /// <param name="options">Endpoint, client authentication and DPoP key.</param>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    /// <param name="disposeHandler">Whether disposing this client disposes <paramref name="innerHandler"/>.</param>
    public ClientCredentialsClient(TokenClientOptions options, HttpMessageHandler innerHandler, bool disposeHandler = false)
    {
        ArgumentNullException.ThrowIfNull(innerHandler);
        channel = new TokenEndpointChannel(options, innerHandler, disposeHandler);
    }

    /// <summary>The options in force.</summary>
    public TokenClientOptions Options => channel.Options;

    /// <summary>Asks for a token for this client.</summary>
    /// <param name="scopes">The scopes wanted; null for the server's default.</param>
    /// <param name="resource">Where the token will be used (RFC 8707; Mandate requires it).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token.</returns>
    /// <exception cref="OAuthException">The server refused (<c>invalid_client</c>, <c>invalid_scope</c>, <c>invalid_target</c>, …).</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer as a token endpoint.</exception>
    public Task<TokenResponse> RequestTokenAsync(IEnumerable<string>? scopes, string? resource, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", GrantTypes.ClientCredentials) };
        if (scopes?.ToList() is { Count: > 0 } list)
        {
            form.Add(new("scope", ScopeParser.Join(list)));
        }

        if (!string.IsNullOrEmpty(resource))
        {
            form.Add(new("resource", resource));
        }

        return channel.RequestAsync(form, [], cancellationToken);
    }

    /// <summary>A token provider that asks for a token when first used and again shortly before it expires.</summary>
    /// <param name="scopes">The scopes wanted.</param>
    /// <param name="resource">Where the token will be used.</param>
    /// <returns>The provider.</returns>
    public CachingTokenProvider CreateTokenProvider(IEnumerable<string>? scopes, string? resource)
    {
        var wanted = scopes?.ToList();
        return new CachingTokenProvider(ct => new ValueTask<TokenResponse>(RequestTokenAsync(wanted, resource, ct)), Options.TimeProvider);
    }

    /// <inheritdoc />
    public void Dispose() => channel.Dispose();
}
