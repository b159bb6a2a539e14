using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.Client.Http;
using Mandate.Client.OAuth;

namespace Mandate.Client.Ciba;

/// <summary>
/// OpenID Connect CIBA for agents that must ask a person on another device: <see cref="StartAsync"/> sends the
/// backchannel authentication request, <see cref="WaitAsync"/> polls the token endpoint until the person decides,
/// honouring the server's interval and every slow_down, and backing off on network failures. Ping-mode clients call
/// <see cref="PollAsync"/> when their notification arrives. Token requests carry a DPoP proof when the options name a
/// key, like every other grant. Thread-safe; keep one per client.
/// </summary>
public sealed class CibaClient : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private readonly TokenEndpointChannel channel;
    private readonly HttpClient http;
    private readonly SemaphoreSlim discovery = new(1, 1);
    private string? backchannelEndpoint;

    /// <summary>Creates a client that sends its requests with its own <see cref="SocketsHttpHandler"/>.</summary>
    /// <param name="options">Issuer or token endpoint, client authentication, DPoP key.</param>
    /// <param name="backchannelAuthenticationEndpoint">The endpoint's URL; null discovers it from the issuer's metadata.</param>
    public CibaClient(TokenClientOptions options, string? backchannelAuthenticationEndpoint = null)
        : this(options, new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true, backchannelAuthenticationEndpoint)
    {
    }

    /// <summary>Creates a client that sends its requests through <paramref name="innerHandler"/>.</summary>
    /// <param name="options">Issuer or token endpoint, client authentication, DPoP key.</param>
    /// <param name="innerHandler">The handler that sends the requests.</param>
    /// <param name="disposeHandler">Whether disposing this client disposes <paramref name="innerHandler"/>.</param>
    /// <param name="backchannelAuthenticationEndpoint">The endpoint's URL; null discovers it from the issuer's metadata.</param>
    public CibaClient(TokenClientOptions options, HttpMessageHandler innerHandler, bool disposeHandler = false, string? backchannelAuthenticationEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(innerHandler);
        if (backchannelAuthenticationEndpoint is not null)
        {
            EndpointUrls.Parse(backchannelAuthenticationEndpoint, nameof(backchannelAuthenticationEndpoint), options.AllowHttp);
        }
        else if (options.Issuer is null)
        {
            throw new ArgumentException("Set the issuer (for discovery) or the backchannel authentication endpoint.", nameof(options));
        }

        backchannelEndpoint = backchannelAuthenticationEndpoint;
        http = new HttpClient(innerHandler, disposeHandler: false) { Timeout = options.Timeout, MaxResponseContentBufferSize = MaxResponseBytes };
        channel = new TokenEndpointChannel(options, innerHandler, disposeHandler);
    }

    /// <summary>The options in force.</summary>
    public TokenClientOptions Options => channel.Options;

    private TimeProvider Time => channel.Options.TimeProvider;

    /// <summary>Asks the server to ask the person (CIBA section 7).</summary>
    /// <param name="request">Who, for what, and how to tell them apart.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The auth_req_id with its expiry and poll interval.</returns>
    /// <exception cref="OAuthException">The server refused: <c>unknown_user_id</c>, <c>invalid_scope</c>, <c>invalid_binding_message</c>, <c>unauthorized_client</c>, …</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer as CIBA says.</exception>
    public async Task<BackchannelAuthentication> StartAsync(BackchannelAuthenticationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.LoginHint);
        ArgumentException.ThrowIfNullOrEmpty(request.Resource);
        var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
        var form = Form(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint));
        var secrets = new List<string>(Options.ClientAuthentication.Apply(message, form, endpoint));
        if (request.ClientNotificationToken is { } token)
        {
            secrets.Add(token);
        }

        message.Content = new FormUrlEncodedContent(form);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var document = await ResponseJson.ReadAsync(response, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            if (document is not null && ResponseJson.GetString(document.RootElement, "error") is { Length: > 0 } error)
            {
                throw new OAuthException(error, TokenResponseReader.Redact(ResponseJson.GetString(document.RootElement, "error_description"), secrets), null, response.StatusCode);
            }

            throw new HttpRequestException($"The backchannel authentication endpoint answered HTTP {(int)response.StatusCode} without an OAuth error.", null, response.StatusCode);
        }

        if (document is null || ResponseJson.GetString(document.RootElement, "auth_req_id") is not { Length: > 0 } authReqId
            || !TryGetSeconds(document.RootElement, "expires_in", out var expiresIn) || expiresIn < 1)
        {
            throw new HttpRequestException("The backchannel authentication response has no auth_req_id or expires_in.");
        }

        return new BackchannelAuthentication
        {
            AuthReqId = authReqId,
            ExpiresAt = Time.GetUtcNow().AddSeconds(expiresIn),
            Interval = TryGetSeconds(document.RootElement, "interval", out var interval) && interval >= 1 ? TimeSpan.FromSeconds(interval) : DefaultInterval,
        };
    }

    /// <summary>
    /// Polls until the person decides or the request expires: waits the interval before each token request, 5 seconds
    /// longer after each slow_down, and backs off (doubling, up to a minute) while the server cannot be reached.
    /// </summary>
    /// <param name="started">What <see cref="StartAsync"/> returned.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Approved with tokens, denied, or expired.</returns>
    /// <exception cref="OAuthException">Any other refusal (<c>invalid_grant</c>: unknown or used auth_req_id, <c>invalid_client</c>, …).</exception>
    public async Task<CibaResult> WaitAsync(BackchannelAuthentication started, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        var interval = started.Interval;
        var wait = interval;
        while (true)
        {
            var left = started.ExpiresAt - Time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return new CibaResult(CibaOutcome.Expired, null);
            }

            await Task.Delay(wait < left ? wait : left, Time, cancellationToken).ConfigureAwait(false);
            CibaPoll poll;
            try
            {
                poll = await PollAsync(started.AuthReqId, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // Unreachable for now: try again later, doubling the wait, until the request has expired anyway.
                wait = wait * 2 < MaxBackoff ? wait * 2 : MaxBackoff;
                continue;
            }

            if (poll.Result is { } result)
            {
                return result;
            }

            if (poll.SlowDown)
            {
                interval += SlowDownStep;
            }

            wait = interval;
        }
    }

    /// <summary>One token request with the auth_req_id (after a ping, or in a loop of your own).</summary>
    /// <param name="authReqId">The auth_req_id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Pending (maybe with slow_down), or the final result.</returns>
    /// <exception cref="OAuthException">A refusal other than authorization_pending, slow_down, access_denied and expired_token.</exception>
    public async Task<CibaPoll> PollAsync(string authReqId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authReqId);
        try
        {
            var tokens = await channel.RequestAsync([new("grant_type", GrantTypes.Ciba), new("auth_req_id", authReqId)], [authReqId], cancellationToken).ConfigureAwait(false);
            return CibaPoll.Done(CibaOutcome.Approved, tokens);
        }
        catch (OAuthException ex) when (ex.Error is "authorization_pending" or "slow_down" or "access_denied" or "expired_token")
        {
            return ex.Error switch
            {
                "authorization_pending" => CibaPoll.Pending,
                "slow_down" => CibaPoll.Slower,
                "access_denied" => CibaPoll.Done(CibaOutcome.Denied),
                _ => CibaPoll.Done(CibaOutcome.Expired),
            };
        }
    }

    /// <summary>Starts a request and waits for the decision.</summary>
    /// <param name="request">Who, for what.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Approved with tokens, denied, or expired.</returns>
    public async Task<CibaResult> AuthenticateAsync(BackchannelAuthenticationRequest request, CancellationToken cancellationToken = default) =>
        await WaitAsync(await StartAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        channel.Dispose();
        discovery.Dispose();
    }

    private static List<KeyValuePair<string, string>> Form(BackchannelAuthenticationRequest request)
    {
        var scopes = request.Scopes.Contains("openid", StringComparer.Ordinal) ? request.Scopes : ["openid", .. request.Scopes];
        var form = new List<KeyValuePair<string, string>>
        {
            new("login_hint", request.LoginHint),
            new("scope", string.Join(' ', scopes)),
            new("resource", request.Resource),
        };
        if (request.BindingMessage is { } binding)
        {
            form.Add(new("binding_message", binding));
        }

        if (request.RequestedExpiry is { } expiry)
        {
            form.Add(new("requested_expiry", ((long)Math.Ceiling(expiry.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
        }

        if (request.AuthorizationDetails is { } details)
        {
            form.Add(new("authorization_details", details));
        }

        if (request.ClientNotificationToken is { } token)
        {
            form.Add(new("client_notification_token", token));
        }

        return form;
    }

    private static bool TryGetSeconds(JsonElement body, string name, out int seconds)
    {
        seconds = 0;
        return body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out seconds);
    }

    private async Task<string> GetEndpointAsync(CancellationToken cancellationToken)
    {
        if (backchannelEndpoint is { } known)
        {
            return known;
        }

        await discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (backchannelEndpoint is null)
            {
                var metadata = await AuthorizationServerMetadata.DiscoverAsync(http, Options.Issuer!, cancellationToken).ConfigureAwait(false);
                if (metadata.BackchannelAuthenticationEndpoint is not { } found)
                {
                    throw new HttpRequestException("The authorization server does not offer CIBA (no backchannel_authentication_endpoint).");
                }

                try
                {
                    EndpointUrls.Parse(found, nameof(Options), Options.AllowHttp);
                }
                catch (ArgumentException ex)
                {
                    throw new HttpRequestException("The discovered backchannel authentication endpoint is not an https URL.", ex);
                }

                backchannelEndpoint = found;
            }

            return backchannelEndpoint;
        }
        finally
        {
            discovery.Release();
        }
    }
}
