using Mandate.Core.Clients;
using Mandate.Core.OAuth.Exchange;
using Mandate.Core.Resources;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Token;

/// <summary>
/// client_credentials: the client acts for itself. Only confidential clients, only scopes the operator listed for the
/// client (no consent happens here, so an empty list grants nothing rather than everything).
/// </summary>
public sealed class ClientCredentialsGrantHandler(ResourceCatalog resources, AccessTokenIssuer accessTokens)
{
    public Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken) =>
        HandleAsync(client, parameters, dpopJkt: null, cancellationToken);

    /// <summary>The grant; the access token is bound to <paramref name="dpopJkt"/> when the request carried a DPoP proof.</summary>
    public async Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        if (client.IsPublic)
        {
            return TokenResult.Fail(OAuthError.UnauthorizedClient("Public clients cannot use client_credentials."));
        }

        var target = await resources.ResolveAsync(parameters["resource"], parameters.IsRepeated("resource"), cancellationToken);
        if (target.Resource is not { } resource)
        {
            return TokenResult.Fail(target.Error!);
        }

        if (!ScopeParser.TryParse(parameters["scope"], out var requested))
        {
            return TokenResult.Fail(OAuthError.InvalidScope("scope is malformed."));
        }

        var allowed = resource.Scopes.Where(s => client.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        var refused = requested.FirstOrDefault(s => !allowed.Contains(s, StringComparer.Ordinal));
        if (refused is not null)
        {
            return TokenResult.Fail(OAuthError.InvalidScope($"Scope '{refused}' is not allowed to this client at this resource."));
        }

        var scopes = requested.Count > 0 ? requested : allowed;
        var access = accessTokens.Issue(new AccessTokenRequest
        {
            Subject = client.ClientId,
            ClientId = client.ClientId,
            Resource = resource.Uri,
            Scopes = scopes,
            MayAct = DelegationPolicy.MayActFor(client),
            DpopJkt = dpopJkt,
        });
        return TokenResult.Ok(new TokenResponse(access.Token, access.ExpiresIn, null, ScopeParser.Join(scopes), TokenResponse.TypeFor(dpopJkt))
        {
            TokenId = access.TokenId,
            Subject = client.ClientId,
            Resource = resource.Uri,
        });
    }
}
