using Mandate.Protocol.OAuth;

namespace Mandate.Core.Clients;

public sealed record ClientValidationResult(OAuthClient? Client, OAuthError? Error);
