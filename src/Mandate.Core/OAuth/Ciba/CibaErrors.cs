using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>The error codes CIBA Core 1.0 section 13 adds to OAuth's.</summary>
public static class CibaErrors
{
    public const string UnknownUserId = "unknown_user_id";
    public const string InvalidBindingMessage = "invalid_binding_message";
    public const string ExpiredLoginHintToken = "expired_login_hint_token";

    public static OAuthError UnknownUser() => new(UnknownUserId, "login_hint names no user of this server.");

    public static OAuthError BindingMessage(string description) => new(InvalidBindingMessage, description);
}
