namespace Mandate.Core.Vault.Connectors;

public enum ConnectorKind
{
    /// <summary>An OAuth 2 / OpenID provider: the person signs in there and Mandate keeps the tokens.</summary>
    OAuth,

    /// <summary>The person pastes an API key in the console.</summary>
    ApiKey,
}
