using Mandate.Core.Vault.Connectors;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>Connectors; their client secrets or keys arrive already sealed by the vault.</summary>
public sealed class EfConnectorStore(IDbContextFactory<MandateDbContext> factory) : IConnectorStore
{
    public async Task<Connector?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Connectors.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<Connector>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Connectors.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task UpsertAsync(Connector connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Connectors.FirstOrDefaultAsync(c => c.Name == connector.Name, cancellationToken);
        if (entity is null)
        {
            entity = new ConnectorEntity { Name = connector.Name, CreatedAt = connector.CreatedAt };
            db.Connectors.Add(entity);
        }

        entity.Kind = connector.Kind.ToString();
        entity.Issuer = connector.Issuer;
        entity.AuthorizationEndpoint = connector.AuthorizationEndpoint;
        entity.TokenEndpoint = connector.TokenEndpoint;
        entity.RevocationEndpoint = connector.RevocationEndpoint;
        entity.ParEndpoint = connector.PushedAuthorizationRequestEndpoint;
        entity.IssParameterSupported = connector.IssParameterSupported;
        entity.DpopAlgorithm = connector.DpopAlgorithm;
        entity.ClientId = connector.ClientId;
        entity.ClientAuthMethod = connector.ClientAuthMethod;
        entity.SealedClientCredential = connector.SealedClientCredential;
        entity.Scopes = connector.Scopes.ToList();
        entity.ExtraParameters = new Dictionary<string, string>(connector.ExtraParameters);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Connections.Where(c => c.Connector == name).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Connectors.Where(c => c.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static Connector ToModel(ConnectorEntity e) => new()
    {
        Name = e.Name,
        Kind = Enum.Parse<ConnectorKind>(e.Kind),
        Issuer = e.Issuer,
        AuthorizationEndpoint = e.AuthorizationEndpoint,
        TokenEndpoint = e.TokenEndpoint,
        RevocationEndpoint = e.RevocationEndpoint,
        PushedAuthorizationRequestEndpoint = e.ParEndpoint,
        IssParameterSupported = e.IssParameterSupported,
        DpopAlgorithm = e.DpopAlgorithm,
        ClientId = e.ClientId,
        ClientAuthMethod = e.ClientAuthMethod,
        SealedClientCredential = e.SealedClientCredential,
        Scopes = e.Scopes,
        ExtraParameters = e.ExtraParameters,
        CreatedAt = e.CreatedAt,
    };
}
