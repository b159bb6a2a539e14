namespace Mandate.Core.Gateway.Authorization;

/// <summary>How the caller sent its access token: Authorization: Bearer (RFC 6750) or Authorization: DPoP (RFC 9449 §7.1).</summary>
public enum GatewayCredentialScheme
{
    Bearer,
    Dpop,
}
