using Mandate.Core.Clients;
using Mandate.Core.OAuth.Exchange;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Token;

/// <summary>Dispatches an authenticated token request to its grant.</summary>
public sealed class TokenRequestProcessor(AuthorizationCodeGrantHandler codes, RefreshTokenGrantHandler refresh, ClientCredentialsGrantHandler clientCredentials, TokenExchangeGrantHandler exchange)
{
    public Task<TokenResult> ProcessAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.FirstRepeated("grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id") is { } repeated)
        {
            return Task.FromResult(TokenResult.Fail(OAuthError.InvalidRequest($"{repeated} is repeated.")));
        }

        var grantType = parameters["grant_type"];
        if (grantType is null)
        {
            return Task.FromResult(TokenResult.Fail(OAuthError.InvalidRequest("grant_type is required.")));
        }

        if (!GrantTypes.All.Contains(grantType, StringComparer.Ordinal))
        {
            return Task.FromResult(TokenResult.Fail(OAuthError.UnsupportedGrantType($"grant_type '{Truncate(grantType)}' is not supported.")));
        }

        if (!client.AllowsGrant(grantType))
        {
            return Task.FromResult(TokenResult.Fail(OAuthError.UnauthorizedClient($"This client may not use the {grantType} grant.")));
        }

        return grantType switch
        {
            GrantTypes.AuthorizationCode => codes.HandleAsync(client, parameters, cancellationToken),
            GrantTypes.RefreshToken => refresh.HandleAsync(client, parameters, cancellationToken),
            GrantTypes.TokenExchange => exchange.HandleAsync(client, parameters, cancellationToken),
            _ => clientCredentials.HandleAsync(client, parameters, cancellationToken),
        };
    }

    private static string Truncate(string value) => value.Length > 64 ? value[..64] : value;
}
