namespace Mandate.LoadHarness.Load;

internal static class LoadModeNames
{
    /// <summary>The command-line spelling: client-credentials or auth-code.</summary>
    public static string CommandName(this LoadMode mode) => mode switch
    {
        LoadMode.ClientCredentials => "client-credentials",
        _ => "auth-code",
    };

    /// <summary>The OAuth grant type that the mode exercises.</summary>
    public static string GrantType(this LoadMode mode) => mode switch
    {
        LoadMode.ClientCredentials => "client_credentials",
        _ => "authorization_code",
    };

    public static LoadMode Parse(string value) => value switch
    {
        "client-credentials" or "client_credentials" => LoadMode.ClientCredentials,
        "auth-code" or "authorization_code" => LoadMode.AuthCode,
        _ => throw new ArgumentException($"unknown mode '{value}': use client-credentials or auth-code", nameof(value)),
    };
}
