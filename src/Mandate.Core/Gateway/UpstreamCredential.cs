namespace Mandate.Core.Gateway;

/// <summary>
/// An upstream's injected credential: the connector whose credential the gateway attaches for the token's person, and
/// where it goes (`--credential connector:NAME --as bearer|header:Name|query:name`).
/// </summary>
public sealed record UpstreamCredential(string Connector, CredentialPlacement Placement, string? Name)
{
    public const string ConnectorPrefix = "connector:";

    /// <summary>Headers the gateway controls itself; an injected credential cannot take their place.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE",
        "Trailer", "Proxy-Authorization", "Proxy-Connection", "Accept", "Cookie", "Mcp-Session-Id", "MCP-Protocol-Version",
        "Last-Event-ID", "Mcp-Method", "Mcp-Name", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
    };

    /// <summary>The --as form: bearer, header:Name or query:name.</summary>
    public string As => Placement switch
    {
        CredentialPlacement.Header => "header:" + Name,
        CredentialPlacement.Query => "query:" + Name,
        _ => "bearer",
    };

    /// <summary>Parses `connector:NAME` and the --as form (null = bearer); the error says what is wrong.</summary>
    public static UpstreamCredential? Parse(string credential, string? placement, out string? error)
    {
        ArgumentNullException.ThrowIfNull(credential);
        error = null;
        var connector = credential.StartsWith(ConnectorPrefix, StringComparison.Ordinal) ? credential[ConnectorPrefix.Length..] : "";
        if (!IsConnectorName(connector))
        {
            error = "--credential takes connector:NAME (a connector added with `mandate connectors add`).";
            return null;
        }

        var text = string.IsNullOrEmpty(placement) ? "bearer" : placement;
        if (text == "bearer")
        {
            return new UpstreamCredential(connector, CredentialPlacement.Bearer, null);
        }

        if (text.StartsWith("header:", StringComparison.Ordinal) && text[7..] is var header)
        {
            if (!IsToken(header) || ReservedHeaders.Contains(header))
            {
                error = $"--as header:NAME needs a header name the gateway does not control; '{header}' is not one.";
                return null;
            }

            return new UpstreamCredential(connector, header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? CredentialPlacement.Bearer : CredentialPlacement.Header, header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? null : header);
        }

        if (text.StartsWith("query:", StringComparison.Ordinal) && text[6..] is var query)
        {
            if (query.Length is 0 or > 64 || !query.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            {
                error = $"--as query:NAME needs a parameter name of letters, digits, '-', '_', '.' or '~'; '{query}' is not one.";
                return null;
            }

            return new UpstreamCredential(connector, CredentialPlacement.Query, query);
        }

        error = "--as takes bearer, header:NAME or query:NAME.";
        return null;
    }

    public override string ToString() => ConnectorPrefix + Connector + " as " + As;

    // Connector names follow the same rule as upstream names.
    private static bool IsConnectorName(string name) => UpstreamRegistration.IsValidName(name);

    // RFC 9110 token characters.
    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
