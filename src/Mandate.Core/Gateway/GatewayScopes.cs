namespace Mandate.Core.Gateway;

/// <summary>
/// The gateway's scopes. Each implies the ones before it: a token with mcp:destructive may also read and write.
/// </summary>
public static class GatewayScopes
{
    public const string Read = "mcp:read";
    public const string Write = "mcp:write";
    public const string Destructive = "mcp:destructive";

    public static readonly IReadOnlyList<string> All = [Read, Write, Destructive];

    /// <summary>The highest level the scopes allow, or null when they allow none.</summary>
    public static PermissionLevel? HighestAllowed(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        PermissionLevel? highest = null;
        foreach (var scope in scopes)
        {
            PermissionLevel? level = scope switch
            {
                Read => PermissionLevel.Read,
                Write => PermissionLevel.Write,
                Destructive => PermissionLevel.Destructive,
                _ => null,
            };
            if (level is not null && (highest is null || level > highest))
            {
                highest = level;
            }
        }

        return highest;
    }

    /// <summary>The scope that allows a level (null for Deny).</summary>
    public static string? ScopeFor(PermissionLevel level) => level switch
    {
        PermissionLevel.Read => Read,
        PermissionLevel.Write => Write,
        PermissionLevel.Destructive => Destructive,
        _ => null,
    };

    public static bool Allows(IEnumerable<string> scopes, PermissionLevel level) =>
        level != PermissionLevel.Deny && HighestAllowed(scopes) is { } highest && highest >= level;
}
