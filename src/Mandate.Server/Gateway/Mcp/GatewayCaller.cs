using Mandate.Core.Gateway.Authorization;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Who passed the gateway's front door, and to which upstream.</summary>
public sealed record GatewayCaller(ResolvedUpstream Upstream, GatewayToken Token, long StartedAt, string? SourceAddress)
{
    public string Subject => Token.Claims.Subject;

    public string ClientId => Token.Claims.ClientId;

    /// <summary>How the token was sent (a DPoP caller gets DPoP challenges).</summary>
    public GatewayCredentialScheme Scheme { get; init; }
}
