using Mandate.Core.Clients;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfClientStore(IDbContextFactory<MandateDbContext> factory) : IClientStore
{
    public async Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Clients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task AddAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Clients.Add(new ClientEntity
        {
            ClientId = client.ClientId,
            Name = client.Name,
            Source = (int)client.Source,
            TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
            SecretHash = client.SecretHash,
            RedirectUris = [.. client.RedirectUris],
            GrantTypes = [.. client.GrantTypes],
            Scopes = [.. client.Scopes],
            JwksUri = client.JwksUri,
            Jwks = client.Jwks,
            ApplicationType = client.ApplicationType,
            ClientUri = client.ClientUri,
            LogoUri = client.LogoUri,
            CreatedAt = client.CreatedAt,
            MayExchangeTo = [.. client.MayExchangeTo],

            RequireDpop = client.RequireDpop,
            RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
            BackchannelTokenDeliveryMode = client.BackchannelTokenDeliveryMode,
            BackchannelClientNotificationEndpoint = client.BackchannelClientNotificationEndpoint,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.Where(c => c.ClientId == clientId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<int> CountAsync(ClientSource source, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Clients.CountAsync(c => c.Source == (int)source, cancellationToken);
    }

    private static OAuthClient ToModel(ClientEntity e) => new()
    {
        ClientId = e.ClientId,
        Name = e.Name,
        Source = (ClientSource)e.Source,
        TokenEndpointAuthMethod = e.TokenEndpointAuthMethod,
        SecretHash = e.SecretHash,
        RedirectUris = e.RedirectUris,
        GrantTypes = e.GrantTypes,
        Scopes = e.Scopes,
        JwksUri = e.JwksUri,
        Jwks = e.Jwks,
        ApplicationType = e.ApplicationType,
        ClientUri = e.ClientUri,
        LogoUri = e.LogoUri,
        CreatedAt = e.CreatedAt,
        MayExchangeTo = e.MayExchangeTo,

        RequireDpop = e.RequireDpop,
        RequirePushedAuthorizationRequests = e.RequirePushedAuthorizationRequests,
        BackchannelTokenDeliveryMode = e.BackchannelTokenDeliveryMode,
        BackchannelClientNotificationEndpoint = e.BackchannelClientNotificationEndpoint,
    };
}
