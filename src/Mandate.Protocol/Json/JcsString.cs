using System.Buffers;
using System.Text;

namespace Mandate.Protocol.Json;

/// <summary>
/// Writes a JSON string the way ECMAScript's <c>JSON.stringify</c> does (RFC 8785 §3.2.2.2), as UTF-8:
/// only <c>"</c>, <c>\</c> and the controls below U+0020 are escaped; <c>\b \t \n \f \r</c> use their short
/// forms, the other controls <c>\u00xx</c> with lowercase hex; everything else is written as is.
/// </summary>
internal static class JcsString
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Writes the quoted string; false (with some bytes written) when it holds a lone surrogate.</summary>
    public static bool TryWrite(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        while (!value.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(value, out var rune, out var consumed) != OperationStatus.Done)
            {
                // I-JSON (RFC 7493 §2.1) forbids unpaired surrogates, and RFC 8785 §3.2.2.2 says to fail on them.
                return false;
            }

            value = value[consumed..];
            if (rune.Value < 0x20 || rune.Value == '"' || rune.Value == '\\')
            {
                WriteEscape(rune.Value, output);
            }
            else
            {
                var span = output.GetSpan(4);
                output.Advance(rune.EncodeToUtf8(span));
            }
        }

        output.Write("\""u8);
        return true;
    }

    private static void WriteEscape(int c, IBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> shortForm = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\b' => "\\b"u8,
            '\t' => "\\t"u8,
            '\n' => "\\n"u8,
            '\f' => "\\f"u8,
            '\r' => "\\r"u8,
            _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            output.Write(shortForm);
            return;
        }

        var span = output.GetSpan(6);
        "\\u00"u8.CopyTo(span);
        span[4] = HexDigits[c >> 4];
        span[5] = HexDigits[c & 0xF];
        output.Advance(6);
    }
}
