using Mandate.Core.Clients;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.ClientAuthentication;

/// <summary>The authenticated client, or the error. <see cref="UsedBasic"/> tells the endpoint to answer 401 with a challenge.</summary>
public sealed record ClientAuthenticationResult(OAuthClient? Client, OAuthError? Error, bool UsedBasic = false)
{
    public bool Succeeded => Client is not null;
}
