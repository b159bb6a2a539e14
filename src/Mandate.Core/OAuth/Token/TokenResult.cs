using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Token;

public sealed record TokenResult(TokenResponse? Response, OAuthError? Error)
{
    public static TokenResult Fail(OAuthError error) => new(null, error);

    public static TokenResult Ok(TokenResponse response) => new(response, null);
}
