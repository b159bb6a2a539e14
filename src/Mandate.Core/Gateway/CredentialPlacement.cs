namespace Mandate.Core.Gateway;

/// <summary>Where an injected credential goes on the upstream request.</summary>
public enum CredentialPlacement
{
    /// <summary>Authorization: Bearer {value} (or the provider's own token type).</summary>
    Bearer,

    /// <summary>A header of the operator's choosing, carrying the value alone.</summary>
    Header,

    /// <summary>A query parameter of the operator's choosing.</summary>
    Query,
}
