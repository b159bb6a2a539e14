using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Encryption;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Vault.Providers;

/// <summary>
/// The OAuth client side of a connector: token requests (code, refresh), pushed authorization requests and
/// revocation, each authenticated as the connector says (client_secret_basic, client_secret_post, private_key_jwt or
/// none). Written on HttpClient and System.Text.Json: the exchanges are four small form POSTs, and the SSRF-guarded
/// handler and the vault's sealed client credentials have to be in the path, which a general OAuth client library
/// does not let us put there as cleanly.
/// </summary>
public sealed class ProviderClient(ProviderHttp http, CredentialVault vault, TimeProvider time)
{
    /// <summary>The last DPoP-Nonce each token endpoint gave (RFC 9449 §8), sent with the next proof to it.</summary>
    private readonly ConcurrentDictionary<string, string> nonces = new(StringComparer.Ordinal);

    public Task<ProviderTokenResponse> TokenAsync(Connector connector, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        TokenAsync(connector, parameters, dpopKey: null, cancellationToken);

    /// <summary>
    /// A token request; with <paramref name="dpopKey"/>, proved with a DPoP proof (RFC 9449 §5) so the provider binds
    /// the tokens to that key, answering one <c>use_dpop_nonce</c> challenge (§8) by asking again with the nonce.
    /// </summary>
    public async Task<ProviderTokenResponse> TokenAsync(Connector connector, IReadOnlyList<KeyValuePair<string, string>> parameters, JwsKey? dpopKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var endpoint = connector.TokenEndpoint!;
        var (status, body, nonce) = await PostTokenRequestAsync(connector, endpoint, parameters, dpopKey, cancellationToken);
        if (dpopKey is not null && status == 400 && nonce is not null && body is { ValueKind: JsonValueKind.Object } challenge && ErrorCode(challenge) == "use_dpop_nonce")
        {
            (status, body, _) = await PostTokenRequestAsync(connector, endpoint, parameters, dpopKey, cancellationToken);
        }

        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return ProviderTokenResponse.Failed(status == 0 ? "network_error" : $"http_{status}");
        }

        if (status != 200)
        {
            return ProviderTokenResponse.Failed(ErrorCode(json) ?? $"http_{status}");
        }

        var response = new ProviderTokenResponse
        {
            AccessToken = Text(json, "access_token"),
            RefreshToken = Text(json, "refresh_token"),
            TokenType = Text(json, "token_type"),
            ExpiresIn = json.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds) && seconds > 0 ? seconds : null,
            Scope = Text(json, "scope"),
        };
        return string.IsNullOrEmpty(response.AccessToken) ? ProviderTokenResponse.Failed("invalid_response") : response;
    }

    private async Task<(int Status, JsonElement? Body, string? Nonce)> PostTokenRequestAsync(
        Connector connector, string endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters, JwsKey? dpopKey, CancellationToken cancellationToken)
    {
        // A fresh client assertion per attempt: its jti is single use at the provider.
        var (form, authorization) = await AuthenticateAsync(connector, endpoint, parameters, cancellationToken);
        var proof = dpopKey is null ? null : new DpopProofBuilder(dpopKey, time).Create("POST", endpoint, nonce: nonces.GetValueOrDefault(endpoint));
        var (status, body, nonce) = await http.PostFormAsync(endpoint, form, authorization, proof, cancellationToken);
        if (dpopKey is not null && nonce is { Length: > 0 and <= 256 })
        {
            nonces[endpoint] = nonce;
        }

        return (status, body, nonce);
    }

    /// <summary>RFC 9126: the request_uri for the parameters, or the error.</summary>
    public async Task<(string? RequestUri, string? Error)> PushAsync(Connector connector, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var endpoint = connector.PushedAuthorizationRequestEndpoint!;
        var (form, authorization) = await AuthenticateAsync(connector, endpoint, parameters, cancellationToken);
        var (status, body) = await http.PostFormAsync(endpoint, form, authorization, cancellationToken);
        if (status is 200 or 201 && body is { ValueKind: JsonValueKind.Object } json && Text(json, "request_uri") is { Length: > 0 } requestUri)
        {
            return (requestUri, null);
        }

        return (null, body is { ValueKind: JsonValueKind.Object } error && ErrorCode(error) is { } code ? code : $"http_{status}");
    }

    /// <summary>RFC 7009: true when the provider answered 200 (which it does for unknown tokens too).</summary>
    public async Task<bool> RevokeAsync(Connector connector, string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (connector.RevocationEndpoint is null)
        {
            return false;
        }

        var (form, authorization) = await AuthenticateAsync(connector, connector.RevocationEndpoint, [new("token", token), new("token_type_hint", tokenTypeHint)], cancellationToken);
        var (status, _) = await http.PostFormAsync(connector.RevocationEndpoint, form, authorization, cancellationToken);
        return status == 200;
    }

    private async Task<(List<KeyValuePair<string, string>> Form, AuthenticationHeaderValue? Authorization)> AuthenticateAsync(
        Connector connector, string audience, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        // The authorization request pushed to PAR already names client_id; a parameter may appear only once.
        var form = parameters.Where(p => p.Key != "client_id").ToList();
        var clientId = connector.ClientId ?? "";
        switch (connector.ClientAuthMethod)
        {
            case ClientAuthMethods.ClientSecretBasic:
                // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
                var secret = await OpenCredentialAsync(connector, cancellationToken);
                var pair = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret);
                if (parameters.Any(p => p.Key == "client_id"))
                {
                    form.Add(new("client_id", clientId));
                }

                return (form, new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))));
            case ClientAuthMethods.ClientSecretPost:
                form.Add(new("client_id", clientId));
                form.Add(new("client_secret", await OpenCredentialAsync(connector, cancellationToken)));
                return (form, null);
            case ClientAuthMethods.PrivateKeyJwt:
                form.Add(new("client_id", clientId));
                form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
                // aud: the provider's issuer when known (RFC 9126 §2 makes every AS accept it at every endpoint, and
                // draft-ietf-oauth-rfc7523bis makes it the only value); otherwise the endpoint URL (RFC 7523 §3).
                form.Add(new("client_assertion", await CreateAssertionAsync(connector, connector.Issuer ?? audience, cancellationToken)));
                return (form, null);
            default:
                form.Add(new("client_id", clientId));
                return (form, null);
        }
    }

    private async Task<string> OpenCredentialAsync(Connector connector, CancellationToken cancellationToken)
    {
        var plain = await vault.OpenRequiredAsync(VaultContext.ForConnector(connector.Name, VaultPurposes.ClientCredential), connector.SealedClientCredential ?? "", cancellationToken);
        return Encoding.UTF8.GetString(plain);
    }

    private async Task<string> CreateAssertionAsync(Connector connector, string audience, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await OpenCredentialAsync(connector, cancellationToken));
        using var key = JwkReader.Read(document.RootElement) ?? throw new InvalidOperationException($"The private key of connector '{connector.Name}' is not a usable JWK.");
        var now = time.GetUtcNow();
        var clientId = connector.ClientId ?? "";
        return CompactJws.Create(key, "JWT", includeKeyId: key.KeyId.Length > 0, writeHeaderMembers: null, w =>
        {
            w.WriteString("iss", clientId);
            w.WriteString("sub", clientId);
            w.WriteString("aud", audience);
            w.WriteString("jti", DpopProofBuilder.NewJwtId());
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", now.AddSeconds(60).ToUnixTimeSeconds());
        });
    }

    /// <summary>The provider's <c>error</c> when it is a plausible OAuth error code (it goes to the ledger and the page).</summary>
    private static string? ErrorCode(JsonElement json) =>
        Text(json, "error") is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? code : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
