using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Mandate.Protocol.Net;

/// <summary>
/// Fetches client-supplied URLs without letting them reach internal networks: the handler refuses to
/// connect unless every address the host resolves to is allowed, and connects to the checked address
/// itself (no second DNS lookup, so DNS rebinding cannot swap the target).
/// </summary>
public static class SsrfGuard
{
    private const int ReadChunkSize = 8192;

    /// <summary>
    /// Creates a <see cref="SocketsHttpHandler"/> enforcing <paramref name="policy"/> at connect time:
    /// no redirects, no proxy, no cookies, <see cref="SsrfPolicy.Timeout"/> as connect timeout.
    /// A blocked connection fails with an <see cref="HttpRequestException"/> whose inner exception is
    /// an <see cref="SsrfBlockedException"/>.
    /// </summary>
    /// <param name="policy">The policy to enforce.</param>
    /// <returns>A new handler; the caller owns it (typically through an <see cref="HttpClient"/>).</returns>
    public static SocketsHttpHandler CreateHandler(SsrfPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(policy.Timeout, TimeSpan.Zero, nameof(policy));

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = policy.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(context, policy, ct),
        };
    }

    /// <summary>
    /// Pre-flight syntactic check: absolute URI, <c>https</c> (or <c>http</c> when the policy allows
    /// plain http to loopback), a host, no user information, no fragment. An IP-literal host is also
    /// checked against the policy. DNS names are checked later, at connect time.
    /// </summary>
    /// <param name="uri">The URL to check.</param>
    /// <param name="policy">The policy to apply.</param>
    /// <param name="reason">A short reason when the URL is refused; otherwise null.</param>
    /// <returns>True when the URL may be fetched.</returns>
    public static bool IsUrlAllowed(Uri uri, SsrfPolicy policy, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(policy);

        reason = Preflight(uri, policy);
        return reason is null;
    }

    /// <summary>
    /// GETs <paramref name="uri"/> with the given Accept header, enforcing <see cref="SsrfPolicy.Timeout"/>
    /// overall and <see cref="SsrfPolicy.MaxResponseBytes"/> while reading. Redirects and non-2xx statuses
    /// are failures. Network failures never throw: they produce a result with <c>Success = false</c>.
    /// </summary>
    /// <param name="client">An <see cref="HttpClient"/> built on <see cref="CreateHandler"/>.</param>
    /// <param name="uri">The absolute URL to fetch.</param>
    /// <param name="policy">The policy the handler was built with.</param>
    /// <param name="accept">The Accept header value, e.g. <c>application/json</c>.</param>
    /// <param name="ct">Cancels the fetch; cancellation by the caller throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The fetch result.</returns>
    public static async Task<SsrfFetchResult> FetchAsync(
        HttpClient client,
        Uri uri,
        SsrfPolicy policy,
        string accept,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(accept);

        if (Preflight(uri, policy) is { } reason)
        {
            return SsrfFetchResult.Failure("blocked: " + reason);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(policy.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (!request.Headers.TryAddWithoutValidation("Accept", accept))
            {
                return SsrfFetchResult.Failure("invalid accept header");
            }

            using var response = await client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            return await ReadResponseAsync(response, policy, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Our own deadline, or HttpClient.Timeout.
            return SsrfFetchResult.Failure("timeout");
        }
        catch (HttpRequestException ex)
        {
            return SsrfFetchResult.Failure(Describe(ex));
        }
        catch (IOException)
        {
            return SsrfFetchResult.Failure("network error");
        }
    }

    private static async Task<SsrfFetchResult> ReadResponseAsync(
        HttpResponseMessage response,
        SsrfPolicy policy,
        CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            return SsrfFetchResult.Failure("redirect refused", status);
        }

        if (status is < 200 or >= 300)
        {
            return SsrfFetchResult.Failure("http " + status.ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        }

        if (response.Content.Headers.ContentLength > policy.MaxResponseBytes)
        {
            return SsrfFetchResult.Failure("too large", status);
        }

        var body = await ReadLimitedAsync(response.Content, policy.MaxResponseBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return SsrfFetchResult.Failure("too large", status);
        }

        return new SsrfFetchResult(
            Success: true,
            StatusCode: status,
            Body: body,
            ContentType: response.Content.Headers.ContentType?.MediaType,
            Error: null,
            MaxAge: GetMaxAge(response.Headers.CacheControl),
            ETag: response.Headers.ETag?.ToString());
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[ReadChunkSize];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static TimeSpan? GetMaxAge(CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is null || cacheControl.NoStore || cacheControl.NoCache)
        {
            return null;
        }

        return cacheControl.MaxAge;
    }

    /// <summary>Why a request failed, in words safe to log or show: "blocked: …", "tls error" or "network error".</summary>
    public static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SsrfBlockedException blocked:
                    return "blocked: " + blocked.Reason;
                case AuthenticationException:
                    return "tls error";
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "dns error",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.SecureConnectionError => "tls error",
            HttpRequestError.ConfigurationLimitExceeded => "too large",
            _ => "network error",
        };
    }

    private static string? Preflight(Uri uri, SsrfPolicy policy)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "not an absolute url";
        }

        var plainHttp = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal);
        if (!string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)
            && !(plainHttp && policy.PlainHttpAllowed))
        {
            return policy.PlainHttpAllowed ? "scheme must be https or http" : "https required";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "missing host";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "userinfo not allowed";
        }

        if (!string.IsNullOrEmpty(uri.Fragment) || uri.OriginalString.Contains('#', StringComparison.Ordinal))
        {
            return "fragment not allowed";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            return policy.Check(NetworkAddresses.Classify(literal), plainHttp);
        }

        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context,
        SsrfPolicy policy,
        CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var plainHttp = string.Equals(
            context.InitialRequestMessage.RequestUri?.Scheme,
            Uri.UriSchemeHttp,
            StringComparison.OrdinalIgnoreCase);
        if (plainHttp && !policy.PlainHttpAllowed)
        {
            throw new SsrfBlockedException(host, "https required");
        }

        var addresses = await ResolveAsync(host, ct).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SsrfBlockedException(host, "no addresses");
        }

        foreach (var address in addresses)
        {
            if (policy.Check(NetworkAddresses.Classify(address), plainHttp) is { } reason)
            {
                throw new SsrfBlockedException(host, reason);
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            // Connect to the address we just checked; never hand the host name back to the OS.
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        return await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
    }
}
