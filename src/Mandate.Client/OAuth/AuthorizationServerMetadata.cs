using System.Net.Http.Headers;
using Mandate.Client.Http;

namespace Mandate.Client.OAuth;

/// <summary>The members of RFC 8414 authorization server metadata this library uses.</summary>
public sealed record AuthorizationServerMetadata
{
    /// <summary>The well-known path segment RFC 8414 §3 inserts between host and issuer path.</summary>
    public const string WellKnownPath = "/.well-known/oauth-authorization-server";

    private const int MaxDocumentBytes = 256 * 1024;

    /// <summary><c>issuer</c>: equal, byte for byte, to the issuer it was fetched for.</summary>
    public required string Issuer { get; init; }

    /// <summary><c>token_endpoint</c>.</summary>
    public required string TokenEndpoint { get; init; }

    /// <summary><c>grant_types_supported</c> (empty when absent).</summary>
    public IReadOnlyList<string> GrantTypesSupported { get; init; } = [];

    /// <summary><c>token_endpoint_auth_methods_supported</c> (empty when absent).</summary>
    public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; init; } = [];

    /// <summary><c>dpop_signing_alg_values_supported</c> (RFC 9449 §5.1; empty when the server does not announce DPoP).</summary>
    public IReadOnlyList<string> DpopSigningAlgValuesSupported { get; init; } = [];

    /// <summary>OpenID CIBA backchannel_authentication_endpoint, when the server offers CIBA.</summary>
    public string? BackchannelAuthenticationEndpoint { get; init; }

    /// <summary>The metadata URL of an issuer: <c>{scheme}://{host}/.well-known/oauth-authorization-server{issuer path}</c>.</summary>
    /// <param name="issuer">The issuer identifier (https, or http for loopback development).</param>
    /// <returns>The URL to fetch.</returns>
    public static Uri MetadataUrl(string issuer)
    {
        var uri = EndpointUrls.Parse(issuer, nameof(issuer), allowHttp: true);
        var path = uri.AbsolutePath.TrimEnd('/');
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + WellKnownPath + path);
    }

    /// <summary>Fetches and checks an issuer's metadata (RFC 8414 §3).</summary>
    /// <param name="httpClient">The client to fetch with.</param>
    /// <param name="issuer">The issuer identifier, exactly as the server names itself.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="HttpRequestException">The document is missing, not JSON, names another issuer (§3.3) or has no token endpoint.</exception>
    public static async Task<AuthorizationServerMetadata> DiscoverAsync(HttpClient httpClient, string issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        using var request = new HttpRequestMessage(HttpMethod.Get, MetadataUrl(issuer));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Authorization server metadata could not be fetched (HTTP {(int)response.StatusCode}).", null, response.StatusCode);
        }

        using var document = await ResponseJson.ReadAsync(response, MaxDocumentBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException("Authorization server metadata is not a JSON object.");
        var root = document.RootElement;
        if (ResponseJson.GetString(root, "issuer") != issuer)
        {
            throw new HttpRequestException("Authorization server metadata names another issuer (RFC 8414 §3.3).");
        }

        return new AuthorizationServerMetadata
        {
            Issuer = issuer,
            TokenEndpoint = ResponseJson.GetString(root, "token_endpoint") ?? throw new HttpRequestException("Authorization server metadata has no token_endpoint."),
            GrantTypesSupported = ResponseJson.GetStrings(root, "grant_types_supported"),
            TokenEndpointAuthMethodsSupported = ResponseJson.GetStrings(root, "token_endpoint_auth_methods_supported"),
            DpopSigningAlgValuesSupported = ResponseJson.GetStrings(root, "dpop_signing_alg_values_supported"),
            BackchannelAuthenticationEndpoint = ResponseJson.GetString(root, "backchannel_authentication_endpoint"),
        };
    }
}
