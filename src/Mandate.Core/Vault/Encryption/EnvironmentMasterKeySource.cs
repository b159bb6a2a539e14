using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Master keys from environment variables: <c>MANDATE_VAULT_MASTER_KEY</c> (the active key, 256 bits in base64 or
/// base64url) and, while rotating, <c>MANDATE_VAULT_PREVIOUS_MASTER_KEYS</c> (comma-separated). A key's id is derived
/// from the key (<c>env-</c> + the start of its SHA-256), so every instance names it alike.
/// </summary>
public sealed class EnvironmentMasterKeySource(Func<string, string?> getVariable) : IMasterKeySource
{
    public const string ActiveVariable = "MANDATE_VAULT_MASTER_KEY";
    public const string PreviousVariable = "MANDATE_VAULT_PREVIOUS_MASTER_KEYS";
    private MasterKeySet? loaded;

    public EnvironmentMasterKeySource()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public MasterKeySet Load(bool reload) => loaded ??= Read();

    public static string KeyId(byte[] key) => "env-" + Base64Url.EncodeToString(SHA256.HashData(key).AsSpan(0, 8));

    private MasterKeySet Read()
    {
        var active = Decode(getVariable(ActiveVariable), ActiveVariable)
            ?? throw new InvalidOperationException($"Vault:KeyProvider is 'env' but {ActiveVariable} is not set.");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var previous in (getVariable(PreviousVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = Decode(previous, PreviousVariable)!;
            keys[KeyId(key)] = key;
        }

        keys[KeyId(active)] = active;
        return new MasterKeySet(KeyId(active), keys);
    }

    private static byte[]? Decode(string? value, string variable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().Replace('+', '-').Replace('/', '_').TrimEnd('=');
        byte[] key;
        try
        {
            key = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{variable} is not base64.");
        }

        return key.Length == MasterKeySet.KeyBytes ? key : throw new InvalidOperationException($"{variable} must hold 256-bit keys (32 bytes, base64).");
    }
}
