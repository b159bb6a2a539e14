namespace Mandate.Core.Vault.Connectors;

/// <summary>How Mandate authenticates to a provider's token endpoint (RFC 8414 token_endpoint_auth_methods_supported values).</summary>
public static class ClientAuthMethods
{
    public const string None = "none";
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
}
