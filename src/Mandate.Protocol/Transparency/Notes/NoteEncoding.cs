using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>Strict standard base64 (RFC 4648 §4, padded, no whitespace) and fixed-width lowercase hex key IDs.</summary>
internal static class NoteEncoding
{
    /// <summary>Decodes padded standard base64, refusing whitespace and any other character (Convert would skip whitespace).</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.IsEmpty || text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    /// <summary>Parses exactly eight lowercase hex digits.</summary>
    public static bool TryParseKeyId(ReadOnlySpan<char> text, out uint keyId)
    {
        keyId = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return text.Length == 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyId);
    }

    /// <summary>Formats a key ID as eight lowercase hex digits.</summary>
    public static string FormatKeyId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);
}
