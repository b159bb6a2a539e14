namespace Mandate.Core.Vault.Connect;

/// <summary>Where to send the person's browser to connect, or why the flow cannot start.</summary>
public sealed record ConnectStart(string? AuthorizationUrl, string? Error);
