namespace Mandate.Storage.Entities;

/// <summary>A one-time value seen (its SHA-256), kept until the value could no longer be accepted anyway.</summary>
public sealed class ReplayMarkerEntity
{
    /// <summary>Base64url SHA-256 of the value (the caller's key, e.g. a proof's key thumbprint and jti).</summary>
    public string Key { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
