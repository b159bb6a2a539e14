namespace Mandate.Core.Security;

/// <summary>Encrypts secrets kept at rest (upstream API keys, later vault items). Implemented by the host.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>The plaintext, or null when the value cannot be decrypted (wrong keys, tampering).</summary>
    string? Unprotect(string protectedValue);
}
