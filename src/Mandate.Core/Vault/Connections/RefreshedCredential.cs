namespace Mandate.Core.Vault.Connections;

/// <summary>What a refresh changes on a connection.</summary>
public sealed record RefreshedCredential(string SealedCredential, DateTimeOffset? ExpiresAt, DateTimeOffset? RefreshDueAt, string? Scope, DateTimeOffset RefreshedAt);
