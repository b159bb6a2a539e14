using System.Net.Http.Headers;
using Mandate.Client.Dpop;

namespace Mandate.Client.OAuth;

/// <summary>
/// Sends token requests: finds the endpoint (given or discovered, once), authenticates the client, adds a DPoP proof
/// when the client has a key, and turns the answer into a <see cref="TokenResponse"/> or an <see cref="OAuthException"/>.
/// </summary>
internal sealed class TokenEndpointChannel : IDisposable
{
    private const int MaxResponseBytes = 256 * 1024;

    private readonly TokenClientOptions options;
    private readonly HttpClient tokenHttp;
    private readonly HttpClient discoveryHttp;
    private readonly SemaphoreSlim discovery = new(1, 1);
    private string? tokenEndpoint;

    public TokenEndpointChannel(TokenClientOptions options, HttpMessageHandler? innerHandler, bool disposeHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ClientAuthentication);
        if (options.TokenEndpoint is null && options.Issuer is null)
        {
            throw new ArgumentException("Set the issuer (for discovery) or the token endpoint.", nameof(options));
        }

        this.options = options;
        if (options.TokenEndpoint is { } given)
        {
            // Kept as written: it is the audience of client assertions, compared byte for byte.
            EndpointUrls.Parse(given, nameof(options), options.AllowHttp);
            tokenEndpoint = given;
        }

        var inner = innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        var owns = innerHandler is null || disposeHandler;
        discoveryHttp = new HttpClient(inner, disposeHandler: false) { Timeout = options.Timeout, MaxResponseContentBufferSize = MaxResponseBytes };
        HttpMessageHandler pipeline = options.DpopKey is { } key
            ? new DpopHandler(key, inner, new DpopHandlerOptions { TimeProvider = options.TimeProvider })
            : inner;
        tokenHttp = new HttpClient(pipeline, owns) { Timeout = options.Timeout, MaxResponseContentBufferSize = MaxResponseBytes };
    }

    public TokenClientOptions Options => options;

    /// <summary>Posts one token request.</summary>
    /// <param name="form">The grant's parameters; client authentication is added here.</param>
    /// <param name="secrets">Tokens the request carries, cut out of any error description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TokenResponse> RequestAsync(List<KeyValuePair<string, string>> form, IEnumerable<string> secrets, CancellationToken cancellationToken)
    {
        var endpoint = await GetTokenEndpointAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint));
        var sent = new List<string>(secrets);
        sent.AddRange(options.ClientAuthentication.Apply(request, form, endpoint));
        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await tokenHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var token = await TokenResponseReader.ReadAsync(response, sent, options.TimeProvider, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (options.RequireDpopBoundTokens && options.DpopKey is not null && !token.IsDpopBound)
        {
            throw new OAuthException("invalid_token_type", "The server issued a token not bound to the DPoP key (it may not support DPoP).", null, response.StatusCode);
        }

        return token;
    }

    public void Dispose()
    {
        tokenHttp.Dispose();
        discoveryHttp.Dispose();
        discovery.Dispose();
    }

    private async Task<string> GetTokenEndpointAsync(CancellationToken cancellationToken)
    {
        if (tokenEndpoint is { } known)
        {
            return known;
        }

        await discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (tokenEndpoint is null)
            {
                var metadata = await AuthorizationServerMetadata.DiscoverAsync(discoveryHttp, options.Issuer!, cancellationToken).ConfigureAwait(false);
                try
                {
                    EndpointUrls.Parse(metadata.TokenEndpoint, nameof(options), options.AllowHttp);
                }
                catch (ArgumentException ex)
                {
                    throw new HttpRequestException("The discovered token endpoint is not an https URL.", ex);
                }

                tokenEndpoint = metadata.TokenEndpoint;
            }

            return tokenEndpoint;
        }
        finally
        {
            discovery.Release();
        }
    }
}
