using System.Text.Json;
using Mandate.Core.Fetching;

namespace Mandate.Core.Vault.Providers;

/// <summary>
/// Reads a provider's metadata through the SSRF-guarded fetcher: RFC 8414 first
/// (<c>/.well-known/oauth-authorization-server</c> inserted before the issuer's path), then OpenID Connect Discovery
/// (<c>{issuer}/.well-known/openid-configuration</c>). The document's <c>issuer</c> must equal the one asked for
/// (RFC 8414 §3.3), and a provider that lists code_challenge_methods_supported must list S256.
/// </summary>
public sealed class ProviderDiscovery(IOutboundFetcher fetcher)
{
    private const long MaxBytes = 256 * 1024;

    public async Task<(ProviderMetadata? Metadata, string? Error)> DiscoverAsync(string issuer, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || !string.IsNullOrEmpty(issuerUri.Query) || !string.IsNullOrEmpty(issuerUri.Fragment))
        {
            return (null, "the issuer must be an absolute URL without query or fragment");
        }

        var path = issuerUri.AbsolutePath.TrimEnd('/');
        var authority = issuerUri.GetLeftPart(UriPartial.Authority);
        string? lastError = null;
        foreach (var url in new[] { authority + "/.well-known/oauth-authorization-server" + path, issuer.TrimEnd('/') + "/.well-known/openid-configuration" })
        {
            var result = await fetcher.FetchAsync(new Uri(url), "application/json", MaxBytes, cancellationToken);
            if (!result.Success || result.Body is null)
            {
                lastError = $"{url}: {result.Error}";
                continue;
            }

            return Parse(result.Body, issuer, url);
        }

        return (null, "no metadata found (" + lastError + ")");
    }

    internal static (ProviderMetadata? Metadata, string? Error) Parse(byte[] body, string issuer, string url)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{url} is not a JSON object");
            }

            var documentIssuer = Text(root, "issuer");
            if (documentIssuer != issuer)
            {
                return (null, $"{url} names issuer '{documentIssuer}', not '{issuer}' (RFC 8414 section 3.3)");
            }

            var methods = List(root, "code_challenge_methods_supported");
            if (methods.Count > 0 && !methods.Contains("S256", StringComparer.Ordinal))
            {
                return (null, "the provider does not support PKCE with S256");
            }

            var authorize = Text(root, "authorization_endpoint");
            var token = Text(root, "token_endpoint");
            if (!IsHttpUrl(authorize) || !IsHttpUrl(token))
            {
                return (null, $"{url} lacks an authorization_endpoint or token_endpoint URL");
            }

            return (new ProviderMetadata
            {
                Issuer = issuer,
                AuthorizationEndpoint = authorize!,
                TokenEndpoint = token!,
                RevocationEndpoint = IsHttpUrl(Text(root, "revocation_endpoint")) ? Text(root, "revocation_endpoint") : null,
                PushedAuthorizationRequestEndpoint = IsHttpUrl(Text(root, "pushed_authorization_request_endpoint")) ? Text(root, "pushed_authorization_request_endpoint") : null,
                IssParameterSupported = root.TryGetProperty("authorization_response_iss_parameter_supported", out var iss) && iss.ValueKind == JsonValueKind.True,
                TokenEndpointAuthMethods = List(root, "token_endpoint_auth_methods_supported"),
                DpopSigningAlgorithms = List(root, "dpop_signing_alg_values_supported"),
                CodeChallengeMethods = methods,
            }, null);
        }
        catch (JsonException)
        {
            return (null, $"{url} is not JSON");
        }
    }

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.Fragment);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
