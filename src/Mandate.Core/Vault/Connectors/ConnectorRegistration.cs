using System.Text;
using System.Text.Json;
using Mandate.Core.Vault.Encryption;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Vault.Connectors;

/// <summary>
/// Validates a connector definition, discovers the provider's endpoints when an issuer is given, seals the client
/// secret or private key in the vault and saves the connector. The one path for `mandate connectors add`.
/// </summary>
public sealed class ConnectorRegistration(IConnectorStore store, ProviderDiscovery discovery, CredentialVault vault, TimeProvider time)
{
    /// <summary>Parameters Mandate sets itself; --extra-param may not change them.</summary>
    public static readonly IReadOnlySet<string> ReservedParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope", "request_uri", "request", "client_secret", "client_assertion", "client_assertion_type",
    };

    /// <summary>Lower-case letters, digits, '-' and '_', 1 to 64 characters, starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => Gateway.UpstreamRegistration.IsValidName(name);

    public async Task<(Connector? Connector, string? Error)> SaveAsync(ConnectorDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Validate(definition) is { } invalid)
        {
            return (null, invalid);
        }

        var existing = await store.FindAsync(definition.Name, cancellationToken);
        var connector = new Connector
        {
            Name = definition.Name,
            Kind = definition.Kind,
            Scopes = definition.Scopes.Distinct(StringComparer.Ordinal).ToList(),
            ExtraParameters = new Dictionary<string, string>(definition.ExtraParameters, StringComparer.Ordinal),
            CreatedAt = existing?.CreatedAt ?? time.GetUtcNow(),
        };
        if (definition.Kind == ConnectorKind.OAuth)
        {
            var (oauth, error) = await OAuthAsync(connector, definition, cancellationToken);
            if (oauth is null)
            {
                return (null, error);
            }

            connector = oauth;
        }

        await store.UpsertAsync(connector, cancellationToken);
        return (connector, null);
    }

    private static string? Validate(ConnectorDefinition d)
    {
        if (!IsValidName(d.Name))
        {
            return $"'{d.Name}' is not a valid connector name: use lower-case letters, digits, '-' and '_' (at most 64, starting with a letter or digit).";
        }

        if (d.Kind == ConnectorKind.ApiKey)
        {
            return d.Issuer is null && d.AuthorizeUrl is null && d.TokenUrl is null && d.ClientId is null && d.ClientSecret is null && d.PrivateKeyJwk is null
                ? null
                : "an API-key connector takes no OAuth settings (--issuer, --authorize-url, --token-url, --client-id, secrets).";
        }

        if (string.IsNullOrEmpty(d.ClientId))
        {
            return "--client-id is required for an OAuth connector.";
        }

        if (d.Issuer is null && (d.AuthorizeUrl is null || d.TokenUrl is null))
        {
            return "give --issuer (discovery) or both --authorize-url and --token-url.";
        }

        if (new[] { d.Issuer, d.AuthorizeUrl, d.TokenUrl, d.RevocationUrl }.Any(u => u is not null && !ProviderDiscovery.IsHttpUrl(u)))
        {
            return "--issuer, --authorize-url, --token-url and --revocation-url must be absolute http(s) URLs.";
        }

        if (d.ClientSecret is not null && d.PrivateKeyJwk is not null)
        {
            return "give a client secret or a private key, not both.";
        }

        if (d.ExtraParameters.Keys.FirstOrDefault(ReservedParameters.Contains) is { } reserved)
        {
            return $"--extra-param {reserved} is set by Mandate itself.";
        }

        return d.Scopes.Any(s => s.Length == 0 || s.Any(c => c <= ' ' || c == '"' || c == '\\')) ? "a scope is empty or has spaces, quotes or backslashes." : null;
    }

    private async Task<(Connector? Connector, string? Error)> OAuthAsync(Connector connector, ConnectorDefinition d, CancellationToken cancellationToken)
    {
        ProviderMetadata? metadata = null;
        if (d.Issuer is not null)
        {
            (metadata, var error) = await discovery.DiscoverAsync(d.Issuer, cancellationToken);
            if (metadata is null)
            {
                return (null, "discovery failed: " + error);
            }
        }

        string method = ClientAuthMethods.None;
        string? sealedCredential = null;
        if (d.PrivateKeyJwk is not null)
        {
            if (!IsPrivateJwk(d.PrivateKeyJwk))
            {
                return (null, "the private key is not a private JWK (EC P-256, Ed25519 or RSA with alg PS256/RS256).");
            }

            method = ClientAuthMethods.PrivateKeyJwt;
            sealedCredential = await SealAsync(d.Name, d.PrivateKeyJwk, cancellationToken);
        }
        else if (d.ClientSecret is not null)
        {
            var methods = metadata?.TokenEndpointAuthMethods ?? [];
            method = methods.Count > 0 && !methods.Contains(ClientAuthMethods.ClientSecretBasic) && methods.Contains(ClientAuthMethods.ClientSecretPost)
                ? ClientAuthMethods.ClientSecretPost
                : ClientAuthMethods.ClientSecretBasic;
            sealedCredential = await SealAsync(d.Name, d.ClientSecret, cancellationToken);
        }

        return (connector with
        {
            Issuer = d.Issuer,
            AuthorizationEndpoint = d.AuthorizeUrl ?? metadata?.AuthorizationEndpoint,
            TokenEndpoint = d.TokenUrl ?? metadata?.TokenEndpoint,
            RevocationEndpoint = d.RevocationUrl ?? metadata?.RevocationEndpoint,
            PushedAuthorizationRequestEndpoint = metadata?.PushedAuthorizationRequestEndpoint,
            IssParameterSupported = metadata?.IssParameterSupported ?? false,
            DpopAlgorithm = (d.Dpop ?? metadata?.DpopSigningAlgorithms.Contains(ProviderDpopKey.Algorithm) == true) ? ProviderDpopKey.Algorithm : null,
            ClientId = d.ClientId,
            ClientAuthMethod = method,
            SealedClientCredential = sealedCredential,
        }, null);
    }

    private async Task<string> SealAsync(string connector, string secret, CancellationToken cancellationToken) =>
        (await vault.SealAsync(VaultContext.ForConnector(connector, VaultPurposes.ClientCredential), Encoding.UTF8.GetBytes(secret), cancellationToken)).Format();

    private static bool IsPrivateJwk(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var key = JwkReader.Read(document.RootElement);
            return key is { CanSign: true };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
