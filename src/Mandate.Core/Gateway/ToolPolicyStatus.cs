namespace Mandate.Core.Gateway;

public enum ToolPolicyStatus
{
    /// <summary>An operator set a level before the tool was ever listed; no definition is recorded yet.</summary>
    Unseen = 0,

    /// <summary>The recorded definition is the approved one.</summary>
    Approved = 1,

    /// <summary>The upstream changed the definition; the tool is denied until an operator approves the pending one.</summary>
    Held = 2,
}
