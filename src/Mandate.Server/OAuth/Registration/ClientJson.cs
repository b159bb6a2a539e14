using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Protocol.OAuth;
using Mandate.Server.Http;

namespace Mandate.Server.OAuth.Registration;

/// <summary>A client as RFC 7591 section 3.2.1 returns it (also used by the CLI's --json output).</summary>
public static class ClientJson
{
    public static void Write(Utf8JsonWriter w, OAuthClient client, string? secret)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(client);
        w.WriteString("client_id", client.ClientId);
        w.WriteNumber("client_id_issued_at", client.CreatedAt.ToUnixTimeSeconds());
        if (secret is not null)
        {
            w.WriteString("client_secret", secret);
            w.WriteNumber("client_secret_expires_at", 0);
        }

        w.WriteString("client_name", client.Name);
        w.WriteStringArray("redirect_uris", client.RedirectUris);
        w.WriteStringArray("grant_types", client.GrantTypes);
        w.WriteStringArray("response_types", client.AllowsGrant(GrantTypes.AuthorizationCode) ? ["code"] : []);
        w.WriteString("token_endpoint_auth_method", client.TokenEndpointAuthMethod);
        w.WriteString("application_type", client.ApplicationType);
        if (client.Scopes.Count > 0)
        {
            w.WriteString("scope", ScopeParser.Join(client.Scopes));
        }

        if (client.MayExchangeTo.Count > 0)
        {
            w.WriteStringArray("may_exchange_to", client.MayExchangeTo);
        }

        if (client.JwksUri is not null)
        {
            w.WriteString("jwks_uri", client.JwksUri);
        }

        if (client.Jwks is not null)
        {
            w.WritePropertyName("jwks");
            using var jwks = JsonDocument.Parse(client.Jwks);
            jwks.RootElement.WriteTo(w);
        }

        if (client.ClientUri is not null)
        {
            w.WriteString("client_uri", client.ClientUri);
        }

        if (client.LogoUri is not null)
        {
            w.WriteString("logo_uri", client.LogoUri);
        }

        if (client.RequireDpop)
        {
            w.WriteBoolean("dpop_bound_access_tokens", true);
        }

        if (client.RequirePushedAuthorizationRequests)
        {
            w.WriteBoolean("require_pushed_authorization_requests", true);
        }

        if (client.BackchannelTokenDeliveryMode is not null)
        {
            w.WriteString("backchannel_token_delivery_mode", client.BackchannelTokenDeliveryMode);
            w.WriteBoolean("backchannel_user_code_parameter", false);
        }

        if (client.BackchannelClientNotificationEndpoint is not null)
        {
            w.WriteString("backchannel_client_notification_endpoint", client.BackchannelClientNotificationEndpoint);
        }
    }
}
