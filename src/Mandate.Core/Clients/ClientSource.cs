namespace Mandate.Core.Clients;

/// <summary>How Mandate came to know a client.</summary>
public enum ClientSource
{
    /// <summary>Registered by an operator (CLI or admin API).</summary>
    Registered = 0,

    /// <summary>Registered by the client itself (RFC 7591).</summary>
    Dynamic = 1,

    /// <summary>Described by a client ID metadata document at its client_id URL; never stored.</summary>
    MetadataDocument = 2,
}
