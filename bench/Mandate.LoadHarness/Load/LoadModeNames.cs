namespace Mandate.LoadHarness.Load;

internal static class LoadModeNames
{
    public static readonly string[] All = ["client-credentials", "auth-code", "mcp-call"];

    /// <summary>The command-line spelling: client-credentials, auth-code or mcp-call.</summary>
    public static string CommandName(this LoadMode mode) => mode switch
    {
        LoadMode.ClientCredentials => "client-credentials",
        LoadMode.AuthCode => "auth-code",
        _ => "mcp-call",
    };

    /// <summary>What the mode exercises: the OAuth grant type, or the MCP method.</summary>
    public static string GrantType(this LoadMode mode) => mode switch
    {
        LoadMode.ClientCredentials => "client_credentials",
        LoadMode.AuthCode => "authorization_code",
        _ => "tools/call",
    };

    public static LoadMode Parse(string value) => value switch
    {
        "client-credentials" or "client_credentials" => LoadMode.ClientCredentials,
        "auth-code" or "authorization_code" => LoadMode.AuthCode,
        "mcp-call" or "tools/call" => LoadMode.McpCall,
        _ => throw new ArgumentException($"unknown mode '{value}': use client-credentials, auth-code or mcp-call", nameof(value)),
    };
}
