namespace Mandate.Core.Gateway.Authorization;

public enum GatewayOutcome
{
    /// <summary>Forward to the upstream.</summary>
    Allow,

    /// <summary>The token's scopes are too narrow; a token with <see cref="GatewayDecision.RequiredScope"/> would do (403 insufficient_scope).</summary>
    StepUp,

    /// <summary>A tool held at Deny: no token can call it (a JSON-RPC error, not a step-up).</summary>
    Deny,

    /// <summary>The token's mandate refuses the call: tool not in it, arguments fail its schema, expired, or call limit reached.</summary>
    MandateRefused,

    /// <summary>An egress call after private data, with Gateway:PrivateThenEgress = deny.</summary>
    DataFlowDenied,

    /// <summary>A call that needs a person's approval (an approval-gated tool, or egress after private data): the gateway holds it.</summary>
    RequiresApproval,
}
