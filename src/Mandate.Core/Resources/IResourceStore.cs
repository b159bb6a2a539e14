namespace Mandate.Core.Resources;

public interface IResourceStore
{
    /// <summary>Finds a resource by its canonical URI.</summary>
    Task<ProtectedResource?> FindAsync(string canonicalUri, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProtectedResource>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the resource with this URI.</summary>
    Task UpsertAsync(ProtectedResource resource, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string canonicalUri, CancellationToken cancellationToken);
}
