using Mandate.Protocol.OAuth;

namespace Mandate.Core.Resources;

public sealed record ResourceResolution(ProtectedResource? Resource, OAuthError? Error);
