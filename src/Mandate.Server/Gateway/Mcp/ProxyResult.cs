namespace Mandate.Server.Gateway.Mcp;

/// <summary>How an exchange went, for the audit event: the upstream's status and, when it failed, why.</summary>
public sealed record ProxyResult(int? UpstreamStatus, string? Error)
{
    public bool Failed => Error is not null;
}
