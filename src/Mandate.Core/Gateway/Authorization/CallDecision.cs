namespace Mandate.Core.Gateway.Authorization;

/// <summary>The level one message needs and why, for the audit event.</summary>
public sealed record CallDecision(McpCall Call, PermissionLevel Level, GatewayOutcome Outcome, string Reason);
