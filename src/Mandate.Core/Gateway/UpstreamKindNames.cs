namespace Mandate.Core.Gateway;

/// <summary>The words for upstream kinds (CLI, storage): mcp and http; also the first path segment they are served under.</summary>
public static class UpstreamKindNames
{
    public static string Name(UpstreamKind kind) => kind == UpstreamKind.Http ? "http" : "mcp";

    public static bool TryParse(string? name, out UpstreamKind kind)
    {
        kind = name == "http" ? UpstreamKind.Http : UpstreamKind.Mcp;
        return name is "mcp" or "http";
    }
}
