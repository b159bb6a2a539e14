using Mandate.Core.Configuration;
using Mandate.Core.Resources;
using Mandate.Protocol.Resources;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway;

/// <summary>
/// Adds or updates an upstream together with its protected resource: {issuer}/mcp/{name}, offering the three mcp:*
/// scopes with words for the consent page. The one path for `mandate upstreams add` and `mandate serve --demo`.
/// </summary>
public sealed class UpstreamRegistration(IUpstreamStore upstreams, IResourceStore resources, IOptions<MandateOptions> options, TimeProvider time)
{
    /// <summary>A path segment: lower-case letters, digits, '-' and '_', 1 to 64 characters, starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 64 }
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Where the gateway serves an upstream, which is also its resource indicator (canonical form).</summary>
    public static string ResourceUri(string issuer, string name, UpstreamKind kind = UpstreamKind.Mcp)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var uri = issuer.TrimEnd('/') + "/" + UpstreamKindNames.Name(kind) + "/" + name;
        return ResourceIndicator.TryCanonicalize(uri, out var canonical) ? canonical : uri;
    }

    public string ResourceUri(string name, UpstreamKind kind = UpstreamKind.Mcp) => ResourceUri(options.Value.Issuer, name, kind);

    /// <summary>
    /// Saves the upstream (keeping its first CreatedAt) and upserts its protected resource. <paramref name="displayName"/>
    /// names it on the consent page; <paramref name="scopeDescriptions"/> override the words of any of the three scopes,
    /// otherwise the resource's current words are kept, or generic ones written.
    /// </summary>
    public async Task<ProtectedResource> RegisterAsync(
        Upstream upstream,
        string? displayName,
        IReadOnlyDictionary<string, string>? scopeDescriptions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!IsValidName(upstream.Name))
        {
            throw new ArgumentException($"'{upstream.Name}' is not a valid upstream name (a-z, 0-9, '-', '_').", nameof(upstream));
        }

        var now = time.GetUtcNow();
        var existingUpstream = await upstreams.FindAsync(upstream.Name, cancellationToken);
        await upstreams.UpsertAsync(upstream with { CreatedAt = existingUpstream?.CreatedAt ?? now }, cancellationToken);
        if (existingUpstream is not null && existingUpstream.Kind != upstream.Kind)
        {
            // Replaced by an upstream of the other kind: its old resource (the other path) must not keep issuing tokens.
            await resources.RemoveAsync(ResourceUri(upstream.Name, existingUpstream.Kind), cancellationToken);
        }

        var uri = ResourceUri(upstream.Name, upstream.Kind);
        var existing = await resources.FindAsync(uri, cancellationToken);
        var name = displayName ?? existing?.Name ?? DefaultName(upstream);
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in GatewayScopes.All)
        {
            descriptions[scope] = scopeDescriptions?.GetValueOrDefault(scope)
                ?? existing?.ScopeDescriptions.GetValueOrDefault(scope)
                ?? DefaultDescription(scope, name, upstream.Kind);
        }

        var resource = new ProtectedResource
        {
            Uri = uri,
            Name = name,
            Scopes = GatewayScopes.All,
            ScopeDescriptions = descriptions,
            CreatedAt = existing?.CreatedAt ?? now,
        };
        await resources.UpsertAsync(resource, cancellationToken);
        return resource;
    }

    /// <summary>Removes the upstream and its protected resource; false when there was no such upstream.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await upstreams.FindAsync(name, cancellationToken);
        var removed = await upstreams.RemoveAsync(name, cancellationToken);
        await resources.RemoveAsync(ResourceUri(name, existing?.Kind ?? UpstreamKind.Mcp), cancellationToken);
        return removed;
    }

    private static string DefaultName(Upstream upstream) =>
        upstream.Kind == UpstreamKind.Http ? $"HTTP API \"{upstream.Name}\"" : $"MCP server \"{upstream.Name}\"";

    private static string DefaultDescription(string scope, string name, UpstreamKind kind) => kind == UpstreamKind.Http
        ? scope switch
        {
            GatewayScopes.Read => $"Read from {name} (GET and the calls its operator marked read-only)",
            GatewayScopes.Write => $"Also create or change things through {name}",
            _ => $"Also delete or overwrite things through {name}",
        }
        : scope switch
        {
            GatewayScopes.Read => $"See the tools of {name} and use those that only read",
            GatewayScopes.Write => $"Also use the tools of {name} that create or change things",
            _ => $"Also use the tools of {name} that delete things or cannot be undone",
        };
}
