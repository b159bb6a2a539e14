using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Security;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>Upstreams; their headers (API keys) are one JSON object encrypted with <see cref="ISecretProtector"/>.</summary>
public sealed class EfUpstreamStore(IDbContextFactory<MandateDbContext> factory, ISecretProtector protector) : IUpstreamStore
{
    public async Task<Upstream?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Upstreams.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<Upstream>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Upstreams.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task UpsertAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var headers = protector.Protect(JsonSerializer.Serialize(new Dictionary<string, string>(upstream.Headers), StorageJsonContext.Default.DictionaryStringString));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Upstreams.FirstOrDefaultAsync(u => u.Name == upstream.Name, cancellationToken);
        if (entity is null)
        {
            entity = new UpstreamEntity { Name = upstream.Name, CreatedAt = upstream.CreatedAt };
            db.Upstreams.Add(entity);
        }

        entity.Url = upstream.Url;
        entity.Transport = upstream.Transport;
        entity.Kind = UpstreamKindNames.Name(upstream.Kind);
        entity.TrustAnnotations = upstream.TrustAnnotations;
        entity.RecordArguments = upstream.RecordArguments;
        entity.ProtectedHeaders = headers;
        entity.CredentialConnector = upstream.Credential?.Connector;
        entity.CredentialAs = upstream.Credential?.As;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Upstreams.Where(u => u.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private Upstream ToModel(UpstreamEntity e) => new()
    {
        Name = e.Name,
        Url = e.Url,
        Transport = e.Transport,
        Kind = UpstreamKindNames.TryParse(e.Kind, out var kind) ? kind : throw new InvalidOperationException($"Upstream '{e.Name}' is of a kind this version does not know: '{e.Kind}'."),
        TrustAnnotations = e.TrustAnnotations,
        RecordArguments = e.RecordArguments,
        Headers = ReadHeaders(e),
        Credential = ReadCredential(e),
        CreatedAt = e.CreatedAt,
    };

    private static UpstreamCredential? ReadCredential(UpstreamEntity e) =>
        e.CredentialConnector is null ? null
            : UpstreamCredential.Parse(UpstreamCredential.ConnectorPrefix + e.CredentialConnector, e.CredentialAs, out var error)
                ?? throw new InvalidOperationException($"The credential of upstream '{e.Name}' is stored in a form this version does not read: {error}");

    private Dictionary<string, string> ReadHeaders(UpstreamEntity e)
    {
        var json = protector.Unprotect(e.ProtectedHeaders)
            ?? throw new SecretDecryptionException(
                $"The headers of upstream '{e.Name}' cannot be decrypted: the data-protection keys (the data directory's data-protection folder) are missing or not the ones that encrypted them. Add the upstream again to store its headers anew.");
        try
        {
            var headers = JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString) ?? [];
            return new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            throw new SecretDecryptionException($"The headers of upstream '{e.Name}' decrypted to something that is not a JSON object of strings.");
        }
    }
}
