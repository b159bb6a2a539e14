using Mandate.Core.Audit;
using Mandate.Core.Clients;
using Mandate.Core.OAuth.Exchange;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Token;

/// <summary>
/// Dispatches an authenticated token request to its grant and records the outcome in the ledger: "token.issued",
/// "token.refreshed" or "token.refused" (token exchange and CIBA record their own "token.exchange" and "ciba.token" events).
/// </summary>
public sealed class TokenRequestProcessor(
    AuthorizationCodeGrantHandler codes,
    RefreshTokenGrantHandler refresh,
    ClientCredentialsGrantHandler clientCredentials,
    TokenExchangeGrantHandler exchange,
    TokenAudit audit,
    Ciba.CibaGrantHandler ciba)
{
    public Task<TokenResult> ProcessAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken) =>
        ProcessAsync(client, parameters, dpopJkt: null, cancellationToken);

    /// <summary>Processes a token request that came with a valid DPoP proof of the key <paramref name="dpopJkt"/> (null: no proof).</summary>
    public async Task<TokenResult> ProcessAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        var result = await DispatchAsync(client, parameters, dpopJkt, cancellationToken);
        var grantType = parameters["grant_type"];
        // Token exchange and CIBA record their own events (the act chain; the approval), and CIBA's
        // authorization_pending polls are not decisions worth an entry each.
        if (grantType is not (GrantTypes.TokenExchange or GrantTypes.Ciba))
        {
            await audit.RecordAsync(client, grantType, result, cancellationToken);
        }

        return result;
    }

    private Task<TokenResult> DispatchAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.FirstRepeated("grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "authorization_details") is { } repeated)
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

        // RFC 9449 section 5.2: a client registered with dpop_bound_access_tokens always sends a proof.
        if (client.RequireDpop && dpopJkt is null)
        {
            return Task.FromResult(TokenResult.Fail(OAuthError.InvalidDpopProof("This client must send a DPoP proof with every token request.")));
        }

        return grantType switch
        {
            GrantTypes.AuthorizationCode => codes.HandleAsync(client, parameters, dpopJkt, cancellationToken),
            GrantTypes.RefreshToken => refresh.HandleAsync(client, parameters, dpopJkt, cancellationToken),
            GrantTypes.TokenExchange => exchange.HandleAsync(client, parameters, dpopJkt, cancellationToken),
            GrantTypes.Ciba => ciba.HandleAsync(client, parameters, dpopJkt, cancellationToken),
            _ => clientCredentials.HandleAsync(client, parameters, dpopJkt, cancellationToken),
        };
    }

    private static string Truncate(string value) => value.Length > 64 ? value[..64] : value;
}
