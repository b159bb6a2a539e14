namespace Mandate.Core.Gateway;

/// <summary>Upstreams, with header values encrypted at rest through <see cref="Security.ISecretProtector"/>.</summary>
public interface IUpstreamStore
{
    Task<Upstream?> FindAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Upstream>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the upstream with this name.</summary>
    Task UpsertAsync(Upstream upstream, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);
}
