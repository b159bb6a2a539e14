using Mandate.Core.ClientAuthentication;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>
/// The actor of a token exchange is the authenticated client. An actor_token may name the agent more precisely: an
/// access token Mandate issued to that same client (its sub becomes the actor's sub), or an RFC 7523 assertion the
/// client signed with its own registered key. An actor_token for any other client is refused: one client cannot
/// borrow another's identity.
/// </summary>
public sealed class ExchangeActorResolver(
    AccessTokenValidator validator,
    IRevokedAccessTokenStore revoked,
    ClientAssertionValidator assertions,
    IOptions<MandateOptions> options)
{
    public async Task<ExchangeActor> ResolveAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        var token = parameters["actor_token"];
        var type = parameters["actor_token_type"];
        if (token is null)
        {
            return type is null
                ? new ExchangeActor(client.ClientId, null)
                : ExchangeActor.Fail("actor_token_type is given without actor_token.");
        }

        switch (type)
        {
            case null:
                return ExchangeActor.Fail("actor_token_type is required with actor_token.");
            case TokenTypeUris.AccessToken:
                var claims = validator.Validate(token);
                if (claims is null || await revoked.IsRevokedAsync(claims.TokenId, cancellationToken))
                {
                    return ExchangeActor.Fail("actor_token is invalid, expired or revoked.");
                }

                return claims.ClientId == client.ClientId
                    ? new ExchangeActor(claims.Subject, null)
                    : ExchangeActor.Fail("actor_token was issued to another client.");
            case TokenTypeUris.Jwt:
                var issuer = options.Value.Issuer;
                var valid = await assertions.ValidateAsync(client, token, [issuer, issuer + TokenExchangeGrantHandler.TokenEndpointPath], cancellationToken);
                return valid
                    ? new ExchangeActor(client.ClientId, null)
                    : ExchangeActor.Fail("actor_token is not a valid assertion signed by this client.");
            default:
                return ExchangeActor.Fail("actor_token_type is not supported (access_token or jwt).");
        }
    }
}
