using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>Who is asking to become the next actor, or why their actor_token was refused.</summary>
public sealed record ExchangeActor(string? Subject, OAuthError? Error)
{
    public static ExchangeActor Fail(string description) => new(null, OAuthError.InvalidRequest(description));

    public Actor ToActor(string clientId, Actor? prior) => new(Subject!, clientId, prior);
}
