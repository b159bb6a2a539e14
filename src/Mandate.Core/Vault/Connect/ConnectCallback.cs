namespace Mandate.Core.Vault.Connect;

/// <summary>The provider's redirect back to Mandate, as received.</summary>
public sealed record ConnectCallback(string? State, string? Code, string? Issuer, string? Error);
