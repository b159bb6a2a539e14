namespace Mandate.Core.Gateway;

/// <summary>The words operators use for levels: read, write, destructive, deny.</summary>
public static class PermissionLevelNames
{
    public static string Name(PermissionLevel level) => level switch
    {
        PermissionLevel.Read => "read",
        PermissionLevel.Write => "write",
        PermissionLevel.Destructive => "destructive",
        _ => "deny",
    };

    public static bool TryParse(string? name, out PermissionLevel level)
    {
        PermissionLevel? parsed = name switch
        {
            "read" => PermissionLevel.Read,
            "write" => PermissionLevel.Write,
            "destructive" => PermissionLevel.Destructive,
            "deny" => PermissionLevel.Deny,
            _ => null,
        };
        level = parsed ?? PermissionLevel.Deny;
        return parsed is not null;
    }
}
