namespace Mandate.Server.Gateway.Mcp;

/// <summary>JSON-RPC codes for a missing or unusable connection (docs/gateway.md lists them with the others).</summary>
public static class ConnectionErrorCodes
{
    /// <summary>URLElicitationRequiredError (MCP 2025-11-25): the person must open a URL first (HTTP 200).</summary>
    public const int UrlElicitationRequired = -32042;

    /// <summary>The upstream needs the person's connection to a service, missing or to be renewed; the URL is in the message and data (HTTP 200, or 403 for GET/DELETE).</summary>
    public const int ConnectionRequired = -32065;

    /// <summary>The person's credential cannot be had just now (the provider or the vault is unreachable) (HTTP 503).</summary>
    public const int CredentialUnavailable = -32066;
}
