using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth;

public sealed record ScopeResolution(IReadOnlyList<string> Scopes, OAuthError? Error);
