using Mandate.Core.Clients;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.ClientAuthentication;

/// <summary>
/// Authenticates the client at the token, introspection and revocation endpoints: none (public clients),
/// client_secret_basic and client_secret_post (secret clients may use either), private_key_jwt (RFC 7523).
/// Exactly one method per request (RFC 6749 section 2.3).
/// </summary>
public sealed class ClientAuthenticator(ClientResolver clients, ClientAssertionValidator assertions)
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public async Task<ClientAuthenticationResult> AuthenticateAsync(ClientAuthenticationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var usedBasic = request.BasicClientId is not null;
        var methods = (usedBasic ? 1 : 0) + (request.FormSecret is not null ? 1 : 0) + (request.Assertion is not null || request.AssertionType is not null ? 1 : 0);
        if (methods > 1)
        {
            return new(null, OAuthError.InvalidRequest("Use exactly one client authentication method."), usedBasic);
        }

        if (request.Assertion is not null || request.AssertionType is not null)
        {
            return await AuthenticateAssertionAsync(request, cancellationToken);
        }

        var clientId = request.BasicClientId ?? request.FormClientId;
        if (usedBasic && request.FormClientId is not null && request.FormClientId != request.BasicClientId)
        {
            return new(null, OAuthError.InvalidRequest("client_id in the body differs from the Authorization header."), usedBasic);
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return new(null, OAuthError.InvalidClient("Client authentication is required."), usedBasic);
        }

        var resolved = await clients.ResolveAsync(clientId, cancellationToken);
        var client = resolved.Client;
        if (client is null)
        {
            return new(null, OAuthError.InvalidClient("Client authentication failed."), usedBasic);
        }

        var secret = request.BasicSecret ?? request.FormSecret;
        switch (client.TokenEndpointAuthMethod)
        {
            case TokenEndpointAuthMethods.None when secret is null:
                return new(client, null, usedBasic);
            case TokenEndpointAuthMethods.ClientSecretBasic or TokenEndpointAuthMethods.ClientSecretPost
                when secret is not null && ClientSecrets.Verify(secret, client.SecretHash):
                return new(client, null, usedBasic);
            default:
                return new(null, OAuthError.InvalidClient("Client authentication failed."), usedBasic);
        }
    }

    private async Task<ClientAuthenticationResult> AuthenticateAssertionAsync(ClientAuthenticationRequest request, CancellationToken cancellationToken)
    {
        if (request.AssertionType != JwtBearerAssertionType || string.IsNullOrEmpty(request.Assertion))
        {
            return new(null, OAuthError.InvalidRequest($"client_assertion_type must be {JwtBearerAssertionType} with a client_assertion."));
        }

        var clientId = ClientAssertionValidator.ReadIssuer(request.Assertion);
        if (clientId is null || (request.FormClientId is not null && request.FormClientId != clientId))
        {
            return new(null, OAuthError.InvalidClient("Client authentication failed."));
        }

        var client = (await clients.ResolveAsync(clientId, cancellationToken)).Client;
        if (client is null || client.TokenEndpointAuthMethod != TokenEndpointAuthMethods.PrivateKeyJwt)
        {
            return new(null, OAuthError.InvalidClient("Client authentication failed."));
        }

        return await assertions.ValidateAsync(client, request.Assertion, request.AcceptedAudiences, cancellationToken)
            ? new(client, null)
            : new(null, OAuthError.InvalidClient("Client authentication failed."));
    }
}
