namespace Mandate.Core.Gateway;

/// <summary>One listed tool after reconciliation: its effective level, why, and what the listing changed.</summary>
public sealed record ToolReconciliation(string Name, PermissionLevel Level, ToolLevelReason Reason, ToolChangeKind Change);
