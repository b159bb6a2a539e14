using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Core.Keys;
using Mandate.Core.Resources;
using Mandate.Protocol.Jose;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.WellKnown;

/// <summary>
/// RFC 8414 authorization server metadata and OpenID Connect Discovery, at every path a client may try: the
/// RFC 8414 path-inserted form, the OIDC path-appended form, and the path-inserted OIDC form the MCP spec lists.
/// </summary>
public static class DiscoveryEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string issuerPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Route pattern and the PathBase the request must have. UsePathBase(issuerPath) runs before routing, so the
        // path-appended form arrives as /.well-known/openid-configuration with the issuer path moved to PathBase.
        var routes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/.well-known/oauth-authorization-server" + issuerPath] = string.Empty,
            ["/.well-known/openid-configuration" + issuerPath] = string.Empty,
        };
        routes.TryAdd("/.well-known/openid-configuration", issuerPath);
        foreach (var (path, pathBase) in routes)
        {
            var openId = path.Contains("openid-configuration", StringComparison.Ordinal);
            endpoints.MapGet(path, (HttpContext context) => (context.Request.PathBase.Value ?? string.Empty) == pathBase
                ? WriteAsync(context, openId)
                : Results.NotFound().ExecuteAsync(context)).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
        }
    }

    private static async Task WriteAsync(HttpContext context, bool openId)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MandateOptions>>().Value;
        var resources = await context.RequestServices.GetRequiredService<IResourceStore>().ListAsync(context.RequestAborted);
        var keys = context.RequestServices.GetRequiredService<KeyRing>();
        var dpopAlgorithms = context.RequestServices.GetRequiredService<DpopProofVerifier>().Algorithms;
        var issuer = options.Issuer;
        var scopes = resources.SelectMany(r => r.Scopes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("issuer", issuer);
            w.WriteString("authorization_endpoint", issuer + "/authorize");
            w.WriteString("token_endpoint", issuer + "/token");
            w.WriteString("jwks_uri", issuer + "/jwks");
            if (options.Registration.DynamicRegistrationEnabled)
            {
                w.WriteString("registration_endpoint", issuer + "/register");
            }

            w.WriteString("introspection_endpoint", issuer + "/introspect");
            w.WriteString("revocation_endpoint", issuer + "/revoke");
            w.WriteString("pushed_authorization_request_endpoint", issuer + "/par");
            w.WriteBoolean("require_pushed_authorization_requests", options.Security.RequirePushedAuthorizationRequests);
            w.WriteStringArray("authorization_details_types_supported", [Core.Mandates.TaskMandate.Type]);
            w.WriteString("backchannel_authentication_endpoint", issuer + OAuth.Ciba.BackchannelAuthenticationEndpoint.Path);
            w.WriteStringArray("backchannel_token_delivery_modes_supported", [CibaClientMetadata.Poll, CibaClientMetadata.Ping]);
            w.WriteBoolean("backchannel_user_code_parameter_supported", false);
            w.WriteStringArray("scopes_supported", scopes);
            w.WriteStringArray("response_types_supported", ["code"]);
            w.WriteStringArray("response_modes_supported", ["query"]);
            w.WriteStringArray("grant_types_supported", GrantTypes.All);
            w.WriteStringArray("token_endpoint_auth_methods_supported", TokenEndpointAuthMethods.All);
            w.WriteStringArray("token_endpoint_auth_signing_alg_values_supported", [JwsAlgorithms.ES256, JwsAlgorithms.PS256, JwsAlgorithms.RS256, JwsAlgorithms.EdDSA]);
            w.WriteStringArray("introspection_endpoint_auth_methods_supported", [TokenEndpointAuthMethods.ClientSecretBasic, TokenEndpointAuthMethods.ClientSecretPost, TokenEndpointAuthMethods.PrivateKeyJwt]);
            w.WriteStringArray("revocation_endpoint_auth_methods_supported", TokenEndpointAuthMethods.All);
            w.WriteStringArray("code_challenge_methods_supported", ["S256"]);
            w.WriteStringArray("prompt_values_supported", ["none", "login", "consent"]);
            w.WriteBoolean("authorization_response_iss_parameter_supported", true);
            w.WriteBoolean("client_id_metadata_document_supported", options.Registration.ClientIdMetadataDocumentsEnabled);
            w.WriteBoolean("request_parameter_supported", false);
            w.WriteBoolean("request_uri_parameter_supported", false);
            w.WriteStringArray("access_token_signing_alg_values_supported", [keys.SigningKey.Algorithm]);
            w.WriteStringArray("dpop_signing_alg_values_supported", dpopAlgorithms);
            if (openId)
            {
                // Required members of OpenID Connect Discovery 1.0. Mandate issues no ID tokens yet (docs/oauth.md).
                w.WriteStringArray("subject_types_supported", ["public"]);
                w.WriteStringArray("id_token_signing_alg_values_supported", [keys.SigningKey.Algorithm]);
            }
        }, cacheControl: "public, max-age=300");
    }
}
