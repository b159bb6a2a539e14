using Mandate.Core.Audit;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Clients;

/// <summary>
/// Registers clients: RFC 7591 dynamic registration, and the operator's CLI. A generated secret is returned once and
/// only its hash is kept. Each registration is a "client.registered" event in the ledger.
/// </summary>
public sealed class ClientRegistrationService(IClientStore store, IAuditSink audit, IOptions<MandateOptions> options, TimeProvider time)
{
    public const string RegisteredKind = "client.registered";

    /// <param name="mayExchangeTo">Operator-registered clients only: the clients that may exchange this one's tokens (RFC 8693).</param>
    public async Task<ClientRegistration> RegisterAsync(ClientMetadata metadata, ClientSource source, CancellationToken cancellationToken, IReadOnlyList<string>? mayExchangeTo = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var settings = options.Value.Registration;
        if (source == ClientSource.Dynamic)
        {
            if (!settings.DynamicRegistrationEnabled)
            {
                return new ClientRegistration(null, null, new OAuthError("access_denied", "Dynamic registration is disabled."));
            }

            if (await store.CountAsync(ClientSource.Dynamic, cancellationToken) >= settings.MaxDynamicClients)
            {
                return new ClientRegistration(null, null, OAuthError.TemporarilyUnavailable("The dynamic registration limit has been reached."));
            }

            if (metadata.ClientId is not null)
            {
                return new ClientRegistration(null, null, new OAuthError(OAuthErrorCodes.InvalidClientMetadata, "client_id is assigned by the server."));
            }
        }

        var clientId = source == ClientSource.Dynamic ? "dyn_" + RandomTokens.Create(16) : (metadata.ClientId ?? RandomTokens.Create(16));
        var validated = ClientMetadataValidator.Validate(metadata, source, clientId, settings, time.GetUtcNow());
        if (validated.Client is not { } client)
        {
            return new ClientRegistration(null, null, validated.Error);
        }

        if (mayExchangeTo is { Count: > 0 })
        {
            if (source != ClientSource.Registered)
            {
                return new ClientRegistration(null, null, new OAuthError(OAuthErrorCodes.InvalidClientMetadata, "Only the operator can allow token exchange between clients."));
            }

            client = client with { MayExchangeTo = mayExchangeTo.Distinct(StringComparer.Ordinal).ToList() };
        }

        string? secret = null;
        if (client.TokenEndpointAuthMethod is TokenEndpointAuthMethods.ClientSecretBasic or TokenEndpointAuthMethods.ClientSecretPost)
        {
            secret = ClientSecrets.Generate();
            client = client with { SecretHash = ClientSecrets.Hash(secret) };
        }

        await store.AddAsync(client, cancellationToken);
        await audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = RegisteredKind,
            Decision = "allow",
            Reason = source == ClientSource.Dynamic
                ? $"dynamic registration (RFC 7591) of a {(client.IsPublic ? "public" : "confidential")} client"
                : $"registered by an operator: {(client.IsPublic ? "public" : "confidential")} client",
            ClientId = client.ClientId,
            Scope = client.Scopes.Count > 0 ? string.Join(' ', client.Scopes) : null,
        }, cancellationToken);
        return new ClientRegistration(client, secret, null);
    }
}
