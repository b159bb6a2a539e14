using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Redirects;

namespace Mandate.Core.Clients;

/// <summary>
/// Turns RFC 7591 metadata into a client, collecting the first error as <c>invalid_client_metadata</c> or
/// <c>invalid_redirect_uri</c>. Shared by dynamic registration and client ID metadata documents.
/// </summary>
public static class ClientMetadataValidator
{
    public static ClientValidationResult Validate(ClientMetadata metadata, ClientSource source, string clientId, RegistrationOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        var grantTypes = metadata.GrantTypes is { Count: > 0 } g ? g.Distinct(StringComparer.Ordinal).ToList() : [GrantTypes.AuthorizationCode];
        var allowedGrants = source == ClientSource.Registered ? GrantTypes.All : [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
        if (grantTypes.FirstOrDefault(t => !allowedGrants.Contains(t, StringComparer.Ordinal)) is { } badGrant)
        {
            return Fail($"grant_type '{badGrant}' is not allowed for this kind of client.");
        }

        if (metadata.ResponseTypes is { Count: > 0 } responseTypes && responseTypes.Any(r => r != "code"))
        {
            return Fail("Only the 'code' response type is supported.");
        }

        var method = metadata.TokenEndpointAuthMethod ?? (source == ClientSource.Dynamic ? TokenEndpointAuthMethods.ClientSecretBasic : TokenEndpointAuthMethods.None);
        if (!TokenEndpointAuthMethods.All.Contains(method, StringComparer.Ordinal))
        {
            return Fail($"token_endpoint_auth_method '{method}' is not supported.");
        }

        if (source == ClientSource.MetadataDocument && method is TokenEndpointAuthMethods.ClientSecretBasic or TokenEndpointAuthMethods.ClientSecretPost)
        {
            return Fail("A client ID metadata document cannot use a shared secret: use 'none' or 'private_key_jwt'.");
        }

        var redirectUris = metadata.RedirectUris ?? [];
        if (grantTypes.Contains(GrantTypes.AuthorizationCode) && redirectUris.Count == 0)
        {
            return new ClientValidationResult(null, new OAuthError(OAuthErrorCodes.InvalidRedirectUri, "redirect_uris is required for the authorization_code grant."));
        }

        foreach (var uri in redirectUris)
        {
            var check = RedirectUris.Validate(uri);
            if (!check.IsValid)
            {
                return new ClientValidationResult(null, new OAuthError(OAuthErrorCodes.InvalidRedirectUri, check.Error));
            }

            if (source == ClientSource.Dynamic && !IsAllowedRedirectHost(uri, options))
            {
                return new ClientValidationResult(null, new OAuthError(OAuthErrorCodes.InvalidRedirectUri, "This redirect URI host is not allowed for dynamic registration."));
            }
        }

        if (method == TokenEndpointAuthMethods.PrivateKeyJwt && (metadata.Jwks is null) == (metadata.JwksUri is null))
        {
            return Fail("private_key_jwt needs exactly one of jwks and jwks_uri.");
        }

        if (metadata.JwksUri is not null && (!Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var jwksUri) || jwksUri.Scheme != Uri.UriSchemeHttps && !source.Equals(ClientSource.Registered)))
        {
            return Fail("jwks_uri must be an absolute https URL.");
        }

        if (metadata.Jwks is { } jwks && (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out _)))
        {
            return Fail("jwks must be a JWK Set object.");
        }

        if (!ScopeParser.TryParse(metadata.Scope, out var scopes))
        {
            return Fail("scope is malformed.");
        }

        var applicationType = metadata.ApplicationType ?? "web";
        if (applicationType is not ("web" or "native"))
        {
            return Fail("application_type must be 'web' or 'native'.");
        }

        if (CibaClientMetadata.Validate(metadata, grantTypes, method, out var cibaMode, out var cibaEndpoint) is { } cibaError)
        {
            return Fail(cibaError);
        }

        var name = string.IsNullOrWhiteSpace(metadata.ClientName) ? clientId : metadata.ClientName.Trim();
        if (name.Length > 200)
        {
            return Fail("client_name is too long.");
        }

        return new ClientValidationResult(new OAuthClient
        {
            ClientId = clientId,
            Name = name,
            Source = source,
            TokenEndpointAuthMethod = method,
            RedirectUris = [.. redirectUris],
            GrantTypes = grantTypes,
            Scopes = scopes,
            JwksUri = metadata.JwksUri,
            Jwks = metadata.Jwks?.GetRawText(),
            ApplicationType = applicationType,
            ClientUri = HttpsOrNull(metadata.ClientUri),
            LogoUri = HttpsOrNull(metadata.LogoUri),
            CreatedAt = now,
            RequireDpop = metadata.DpopBoundAccessTokens == true,
            RequirePushedAuthorizationRequests = metadata.RequirePushedAuthorizationRequests == true,
            BackchannelTokenDeliveryMode = cibaMode,
            BackchannelClientNotificationEndpoint = cibaEndpoint,
        }, null);
    }

    private static bool IsAllowedRedirectHost(string uri, RegistrationOptions options)
    {
        if (options.AllowedRedirectHosts.Count == 0 || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return true;
        }

        return MandateOptionsValidator.IsLoopbackHost(parsed.Host) || options.AllowedRedirectHosts.Contains(parsed.Host, StringComparer.OrdinalIgnoreCase);
    }

    private static string? HttpsOrNull(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps ? uri : null;

    private static ClientValidationResult Fail(string description) =>
        new(null, new OAuthError(OAuthErrorCodes.InvalidClientMetadata, description));
}
