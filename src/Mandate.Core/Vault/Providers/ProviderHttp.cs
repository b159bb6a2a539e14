using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Fetching;
using Mandate.Protocol.Net;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault.Providers;

/// <summary>
/// POSTs to providers' token, PAR and revocation endpoints over the SSRF-guarded handler (the same one
/// <see cref="GuardedFetcher"/> uses: public addresses only unless the operator allowed loopback or private networks,
/// no redirects, no proxy, no cookies), with a bounded response size and time.
/// </summary>
public sealed class ProviderHttp : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;
    private readonly HttpClient client;
    private readonly TimeSpan timeout;

    public ProviderHttp(IOptions<MandateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var security = options.Value.Security;
        timeout = security.FetchTimeout * 2;
        var policy = new SsrfPolicy
        {
            AllowLoopback = security.AllowLoopbackFetch,
            RequireHttps = !security.AllowLoopbackFetch,
            AllowPrivateNetworks = options.Value.Vault.AllowPrivateNetworkProviders,
            Timeout = timeout,
        };
        client = GuardedHttpClient.Create(policy, security);
    }

    /// <summary>The status and the JSON body (a clone), or status 0 and null on a network failure or a body that is not JSON.</summary>
    public async Task<(int Status, JsonElement? Body)> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var (status, body, _) = await PostFormAsync(url, form, authorization, dpopProof: null, cancellationToken);
        return (status, body);
    }

    /// <summary>As above, with a DPoP proof (RFC 9449) in the <c>DPoP</c> header; also gives the <c>DPoP-Nonce</c> the provider answered with.</summary>
    public async Task<(int Status, JsonElement? Body, string? DpopNonce)> PostFormAsync(
        string url, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization, string? dpopProof, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = authorization;
        if (dpopProof is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", dpopProof);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var nonce = response.Headers.TryGetValues("DPoP-Nonce", out var nonces) ? nonces.FirstOrDefault() : null;
            var body = await ReadBoundedAsync(response.Content, cts.Token);
            if (body is null || body.Length == 0)
            {
                return ((int)response.StatusCode, null, nonce);
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                return ((int)response.StatusCode, document.RootElement.Clone(), nonce);
            }
            catch (JsonException)
            {
                return ((int)response.StatusCode, null, nonce);
            }
        }
        catch (HttpRequestException)
        {
            return (0, null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, null);
        }
    }

    public void Dispose() => client.Dispose();

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
