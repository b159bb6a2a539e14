namespace Mandate.Core.Gateway.Authorization;

/// <summary>What the gateway's DPoP rules decided, with a description safe to show (never why a token failed).</summary>
public sealed record GatewayProofResult(GatewayProofOutcome Outcome, string? Description = null)
{
    public static readonly GatewayProofResult Allowed = new(GatewayProofOutcome.Allowed);
}
