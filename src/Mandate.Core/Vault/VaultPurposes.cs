namespace Mandate.Core.Vault;

/// <summary>What a sealed value is, bound into its associated data so one kind cannot stand in for another.</summary>
public static class VaultPurposes
{
    public const string ClientCredential = "client-credential";
    public const string OAuthTokens = "oauth-tokens";
    public const string ApiKey = "api-key";
}
