using System.Text.Json;

namespace Mandate.Core.Gateway;

/// <summary>Asks an upstream MCP server for its tools (its own session, with the upstream's configured headers).</summary>
public interface IUpstreamToolSource
{
    /// <summary>The elements of the tools/list result's "tools" array (all pages).</summary>
    Task<IReadOnlyList<JsonElement>> ListToolsAsync(Upstream upstream, CancellationToken cancellationToken);
}
