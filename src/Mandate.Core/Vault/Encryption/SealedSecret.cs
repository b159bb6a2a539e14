using System.Buffers.Text;

namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// A sealed value as stored in one text column: <c>v1.{data key id}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>.
/// </summary>
public sealed record SealedSecret(string DataKeyId, byte[] Box)
{
    private const string Version = "v1";

    public string Format() => Version + "." + DataKeyId + "." + Base64Url.EncodeToString(Box);

    public static SealedSecret? Parse(string? value)
    {
        var parts = value?.Split('.') ?? [];
        if (parts.Length != 3 || parts[0] != Version || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            return new SealedSecret(parts[1], Base64Url.DecodeFromChars(parts[2]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
