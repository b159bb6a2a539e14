namespace Mandate.Core.Gateway;

/// <summary>How dangerous a tool is; each level needs its scope (and implies the ones below). Deny is never callable.</summary>
public enum PermissionLevel
{
    Read = 0,
    Write = 1,
    Destructive = 2,
    Deny = 3,
}
