using Mandate.Core.Gateway;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>An upstream with the URIs the gateway publishes for it.</summary>
/// <param name="ResourceUri">{issuer}/mcp/{name} (or {issuer}/http/{name}) in canonical form: the audience its tokens must carry.</param>
/// <param name="MetadataUri">Its RFC 9728 metadata: the resource URI with /.well-known/oauth-protected-resource inserted after the host.</param>
public sealed record ResolvedUpstream(Upstream Upstream, string ResourceUri, string MetadataUri)
{
    public string Name => Upstream.Name;

    public static ResolvedUpstream For(Upstream upstream, string issuer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var resource = UpstreamRegistration.ResourceUri(issuer, upstream.Name, upstream.Kind);
        var uri = new Uri(resource);
        var metadata = uri.GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-protected-resource" + uri.AbsolutePath;
        return new ResolvedUpstream(upstream, resource, metadata);
    }
}
