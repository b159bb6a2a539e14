using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Ciba;

public sealed record BackchannelValidation(BackchannelRequest? Request, OAuthError? Error);
