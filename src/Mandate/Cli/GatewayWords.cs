using Mandate.Core.Gateway;

namespace Mandate.Cli;

/// <summary>How the gateway's levels and reasons read on the command line.</summary>
public static class GatewayWords
{
    public static string Why(ToolLevelReason reason) => reason switch
    {
        ToolLevelReason.Annotations => "annotation",
        ToolLevelReason.Override => "override",
        ToolLevelReason.Untrusted => "untrusted",
        _ => "held: definition changed",
    };

    public static string Level(PermissionLevel level) => PermissionLevelNames.Name(level);

    public static string Status(ToolPolicyStatus status) => status switch
    {
        ToolPolicyStatus.Approved => "approved",
        ToolPolicyStatus.Held => "held",
        _ => "unseen",
    };

    public static string Change(ToolChangeKind change) => change switch
    {
        ToolChangeKind.New => "new",
        ToolChangeKind.AnnotationsChanged => "annotations changed",
        ToolChangeKind.DefinitionChanged => "definition changed",
        ToolChangeKind.Reverted => "reverted",
        _ => "unchanged",
    };
}
