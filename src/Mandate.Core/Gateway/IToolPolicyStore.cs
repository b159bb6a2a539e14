namespace Mandate.Core.Gateway;

/// <summary>The recorded definition and level of each upstream tool.</summary>
public interface IToolPolicyStore
{
    Task<ToolPolicy?> FindAsync(string upstream, string tool, CancellationToken cancellationToken);

    /// <summary>Every record of the upstream, ordered by tool name.</summary>
    Task<IReadOnlyList<ToolPolicy>> ListAsync(string upstream, CancellationToken cancellationToken);

    /// <summary>Adds a record at version 1; false when one exists already.</summary>
    Task<bool> AddAsync(ToolPolicy policy, CancellationToken cancellationToken);

    /// <summary>Replaces the record if it is still at <see cref="ToolPolicy.Version"/> (and bumps it); false otherwise.</summary>
    Task<bool> UpdateAsync(ToolPolicy policy, CancellationToken cancellationToken);

    /// <summary>Forgets every tool of the upstream; returns how many.</summary>
    Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken);
}
