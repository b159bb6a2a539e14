using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>The character rules of signed notes.</summary>
public static class NoteText
{
    /// <summary>The start of every signature line: U+2014 EM DASH and a space.</summary>
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>Whether a text can be signed: non-empty, well-formed Unicode, no control character other than newline, ending in a newline.</summary>
    public static bool IsValidText(string? text) => !string.IsNullOrEmpty(text) && text[^1] == '\n' && IsClean(text);

    /// <summary>Well-formed UTF-16 (so valid UTF-8 once encoded) with no character below U+0020 but newline.</summary>
    internal static bool IsClean(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 && c != '\n')
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>Parses <c>— name base64</c>: a valid key name and base64 of a key ID and at least one signature byte.</summary>
    internal static bool TryParseSignatureLine(ReadOnlySpan<char> line, [NotNullWhen(true)] out NoteSignature? signature)
    {
        signature = null;
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        line = line[SignaturePrefix.Length..];
        var space = line.IndexOf(' ');
        if (space < 0)
        {
            return false;
        }

        var name = line[..space].ToString();
        if (!NoteKeys.IsValidKeyName(name) || !NoteEncoding.TryDecodeBase64(line[(space + 1)..], out var bytes) || bytes.Length < 5)
        {
            return false;
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
        return true;
    }
}
