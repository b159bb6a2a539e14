namespace Mandate.Core.Gateway;

/// <summary>Why a tool has the level it has.</summary>
public enum ToolLevelReason
{
    /// <summary>From the tool's annotations (the upstream is trusted).</summary>
    Annotations = 0,

    /// <summary>An operator set it.</summary>
    Override = 1,

    /// <summary>The upstream's annotations are not trusted, so Destructive.</summary>
    Untrusted = 2,

    /// <summary>The definition changed; Deny until an operator approves it.</summary>
    Held = 3,
}
