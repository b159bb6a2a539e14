namespace Mandate.Core.Clients;

/// <summary>
/// The CIBA client metadata (CIBA Core 1.0 section 4): the delivery mode a CIBA client must name, the notification
/// endpoint ping needs, and the two features Mandate does not offer (signed requests, user codes), refused here so a
/// client never believes it has them.
/// </summary>
public static class CibaClientMetadata
{
    public const string Poll = "poll";
    public const string Ping = "ping";
    public const string Push = "push";

    /// <summary>Returns an error description, or null with the normalised delivery mode and endpoint.</summary>
    public static string? Validate(ClientMetadata metadata, IReadOnlyList<string> grantTypes, string authMethod, out string? mode, out string? endpoint)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(grantTypes);
        mode = null;
        endpoint = null;
        if (metadata.BackchannelAuthenticationRequestSigningAlg is not null)
        {
            return "backchannel_authentication_request_signing_alg: signed authentication requests are not supported.";
        }

        if (metadata.BackchannelUserCodeParameter == true)
        {
            return "backchannel_user_code_parameter: user codes are not supported.";
        }

        if (!grantTypes.Contains(GrantTypes.Ciba, StringComparer.Ordinal))
        {
            return metadata.BackchannelTokenDeliveryMode is null && metadata.BackchannelClientNotificationEndpoint is null
                ? null
                : "backchannel_token_delivery_mode needs the urn:openid:params:grant-type:ciba grant type.";
        }

        if (authMethod == TokenEndpointAuthMethods.None)
        {
            return "The CIBA grant needs a confidential client (CIBA section 7.1: the client authenticates).";
        }

        switch (metadata.BackchannelTokenDeliveryMode)
        {
            case Poll:
                if (metadata.BackchannelClientNotificationEndpoint is not null)
                {
                    return "backchannel_client_notification_endpoint is only for ping mode.";
                }

                mode = Poll;
                return null;
            case Ping:
                if (!IsNotificationEndpoint(metadata.BackchannelClientNotificationEndpoint))
                {
                    return "Ping mode needs backchannel_client_notification_endpoint: an absolute https URL (http only for loopback) without fragment or user info.";
                }

                mode = Ping;
                endpoint = metadata.BackchannelClientNotificationEndpoint;
                return null;
            case Push:
                return "backchannel_token_delivery_mode 'push' is not supported; use poll or ping.";
            case null:
                return "The CIBA grant needs backchannel_token_delivery_mode (poll or ping).";
            default:
                return "backchannel_token_delivery_mode must be poll or ping.";
        }
    }

    private static bool IsNotificationEndpoint(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
