namespace Mandate.Core.Vault.Encryption;

/// <summary>What a re-wrap did: keys moved to the active master key, keys already under it, keys no known master key opens.</summary>
public sealed record RotationResult(string ActiveKeyId, int Rewrapped, int AlreadyCurrent, IReadOnlyList<string> Unreadable);
