using System.Globalization;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Mandates;
using Mandate.Core.Resources;
using Mandate.Core.Users;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// Checks a backchannel authentication request (CIBA section 7.1) and finds the person it is for. Errors are those of
/// section 13: invalid_request, invalid_scope, unknown_user_id, invalid_binding_message, unauthorized_client, plus
/// invalid_target (RFC 8707) and invalid_authorization_details (RFC 9396).
/// </summary>
public sealed class BackchannelRequestValidator(
    IUserStore users,
    ResourceCatalog resources,
    MandateRequestValidator mandates,
    IOptions<MandateOptions> options)
{
    private const int MaxNotificationTokenLength = 1024;
    private const int MaxHintLength = 256;

    private static readonly string[] Hints = ["login_hint", "login_hint_token", "id_token_hint"];

    private static readonly string[] SingleValued =
        ["scope", "client_notification_token", "acr_values", "login_hint_token", "id_token_hint", "login_hint", "binding_message",
         "user_code", "requested_expiry", "resource", "authorization_details", "request", "client_id"];

    public async Task<BackchannelValidation> ValidateAsync(OAuthClient client, OAuthParameters form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        if (!client.AllowsGrant(GrantTypes.Ciba) || client.IsPublic)
        {
            return Fail(OAuthError.UnauthorizedClient("This client may not use CIBA (it needs the urn:openid:params:grant-type:ciba grant type and a credential)."));
        }

        if (form.FirstRepeated(SingleValued) is { } repeated)
        {
            return Fail(OAuthError.InvalidRequest($"{repeated} is repeated."));
        }

        if (form["request"] is not null || form["request_uri"] is not null)
        {
            return Fail(OAuthError.InvalidRequest("Signed authentication requests (request objects) are not supported."));
        }

        if (form["user_code"] is not null)
        {
            return Fail(OAuthError.InvalidRequest("user_code is not supported (backchannel_user_code_parameter_supported is false)."));
        }

        var user = await FindUserAsync(form, cancellationToken);
        if (user.Error is not null)
        {
            return Fail(user.Error);
        }

        if (BindingMessages.Check(form["binding_message"]) is { } bindingError)
        {
            return Fail(CibaErrors.BindingMessage(bindingError));
        }

        var mode = client.BackchannelTokenDeliveryMode == CibaClientMetadata.Ping ? CibaDeliveryMode.Ping : CibaDeliveryMode.Poll;
        var notificationToken = form["client_notification_token"];
        if (mode == CibaDeliveryMode.Ping && !IsBearerToken(notificationToken))
        {
            return Fail(OAuthError.InvalidRequest("client_notification_token is required in ping mode: an RFC 6750 bearer token of at most 1024 characters."));
        }

        if (ParseExpiry(form["requested_expiry"]) is not { } expiry)
        {
            return Fail(OAuthError.InvalidRequest($"requested_expiry must be a whole number of seconds between 1 and {options.Value.Ciba.MaxExpiry.TotalSeconds:0}."));
        }

        var target = await resources.ResolveAsync(form["resource"], form.IsRepeated("resource"), cancellationToken);
        if (target.Resource is not { } resource)
        {
            return Fail(target.Error!);
        }

        var (mandate, mandateError) = mandates.Validate(form["authorization_details"], resource.Uri);
        if (mandateError is not null)
        {
            return Fail(mandateError);
        }

        // Mandate issues no ID tokens: openid is accepted (CIBA requires it) and does not reach the access token.
        var requested = ScopeParser.TryParse(form["scope"], out var asked) ? string.Join(' ', asked.Where(s => s != "openid")) : form["scope"];
        var scopes = mandate is not null && string.IsNullOrEmpty(requested)
            ? new ScopeResolution([], null)
            : ScopeRules.Resolve(string.IsNullOrEmpty(requested) ? null : requested, client, resource);
        if (scopes.Error is not null)
        {
            return Fail(scopes.Error);
        }

        return new BackchannelValidation(new BackchannelRequest
        {
            User = user.User!,
            Resource = resource.Uri,
            Scopes = scopes.Scopes,
            Mandate = mandate,
            BindingMessage = form["binding_message"],
            DeliveryMode = mode,
            NotificationToken = mode == CibaDeliveryMode.Ping ? notificationToken : null,
            Expiry = expiry,
        }, null);
    }

    private async Task<(User? User, OAuthError? Error)> FindUserAsync(OAuthParameters form, CancellationToken cancellationToken)
    {
        var hints = Hints.Where(h => form[h] is not null).ToList();
        if (hints.Count != 1)
        {
            return (null, OAuthError.InvalidRequest("Exactly one of login_hint, login_hint_token and id_token_hint is required."));
        }

        switch (hints[0])
        {
            case "login_hint_token":
                return (null, OAuthError.InvalidRequest("login_hint_token is not supported: Mandate defines no hint token format. Use login_hint with the username."));
            case "id_token_hint":
                return (null, OAuthError.InvalidRequest("id_token_hint is not supported: Mandate issues no ID tokens, so none can be a valid hint. Use login_hint with the username."));
        }

        var username = form["login_hint"]!;
        if (username.Length > MaxHintLength)
        {
            return (null, CibaErrors.UnknownUser());
        }

        var user = await users.FindByUsernameAsync(username, cancellationToken);
        return user is null ? (null, CibaErrors.UnknownUser()) : (user, null);
    }

    private TimeSpan? ParseExpiry(string? value)
    {
        if (value is null)
        {
            return options.Value.Ciba.DefaultExpiry;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1 && seconds <= options.Value.Ciba.MaxExpiry.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>RFC 6750 section 2.1 b64token: letters, digits and -._~+/ followed by any '='.</summary>
    private static bool IsBearerToken(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxNotificationTokenLength)
        {
            return false;
        }

        var body = value.TrimEnd('=');
        return body.Length > 0 && body.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/');
    }

    private static BackchannelValidation Fail(OAuthError error) => new(null, error);
}
