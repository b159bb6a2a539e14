namespace Mandate.Core.Gateway.Http;

/// <summary>How a rule change went.</summary>
public enum HttpRuleOutcome
{
    Done,
    UnknownUpstream,

    /// <summary>The upstream is an MCP server: its tools have levels (`policy set`), not its paths.</summary>
    NotHttpUpstream,
    UnknownRule,
}
