namespace Mandate.Core.Clients;

public static class TokenEndpointAuthMethods
{
    public const string None = "none";
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> All = [None, ClientSecretBasic, ClientSecretPost, PrivateKeyJwt];
}
