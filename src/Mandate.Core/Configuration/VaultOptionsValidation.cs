namespace Mandate.Core.Configuration;

internal static class VaultOptionsValidation
{
    public static void Validate(VaultOptions options, List<string> errors)
    {
        if (options.KeyProvider is not (VaultOptions.FileKeyProvider or VaultOptions.EnvironmentKeyProvider))
        {
            errors.Add("Vault:KeyProvider must be 'file' or 'env' (a custom IMasterKeyProvider replaces it in code).");
        }

        if (options.CredentialCacheLifetime < TimeSpan.Zero || options.CredentialCacheLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("Vault:CredentialCacheLifetime must be between 0 and 1 hour.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshJitter < TimeSpan.Zero)
        {
            errors.Add("Vault:RefreshBeforeExpiry and Vault:RefreshJitter must not be negative.");
        }

        if (options.RefreshPollInterval < TimeSpan.FromSeconds(1) || options.RefreshLease < TimeSpan.FromSeconds(5))
        {
            errors.Add("Vault:RefreshPollInterval must be at least 1 second and Vault:RefreshLease at least 5 seconds.");
        }

        if (options.ConnectFlowLifetime < TimeSpan.FromMinutes(1) || options.ConnectFlowLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("Vault:ConnectFlowLifetime must be between 1 minute and 1 hour.");
        }
    }
}
