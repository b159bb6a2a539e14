using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Mandate.Protocol.Json;

/// <summary>
/// The JSON Canonicalization Scheme (JCS, RFC 8785): one byte sequence for every JSON value, so that it can be
/// hashed and signed. Whitespace is dropped, object members are sorted by the UTF-16 code units of their names
/// (§3.2.3), strings are escaped as ECMAScript's <c>JSON.stringify</c> escapes them (§3.2.2.2) and numbers are
/// written as ECMAScript writes doubles (§3.2.2.3, <see cref="EcmaScriptNumber"/>). The output is UTF-8.
/// </summary>
/// <remarks>
/// Input outside I-JSON (RFC 7493) is refused, as §3.1 requires: duplicate member names, strings with unpaired
/// surrogates, and numbers that do not fit a finite double.
/// </remarks>
public static class JsonCanonicalizer
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Canonicalizes a parsed JSON value.</summary>
    /// <param name="value">The value (any kind: object, array, string, number, literal).</param>
    /// <param name="canonical">The canonical UTF-8 bytes, when the value is canonicalizable.</param>
    /// <param name="error">Why the value was refused, otherwise.</param>
    /// <returns>True on success. Never throws for bad input.</returns>
    public static bool TryCanonicalize(JsonElement value, [NotNullWhen(true)] out byte[]? canonical, [NotNullWhen(false)] out string? error)
    {
        var output = new ArrayBufferWriter<byte>();
        if (!JcsWriter.TryWrite(value, output, out error))
        {
            canonical = null;
            return false;
        }

        canonical = output.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>Parses one JSON text (RFC 8259, UTF-8, no comments or trailing commas) and canonicalizes it.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <param name="canonical">The canonical UTF-8 bytes, on success.</param>
    /// <param name="error">Why the text was refused: not JSON, or not I-JSON.</param>
    /// <returns>True on success. Never throws for bad input.</returns>
    public static bool TryCanonicalize(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out byte[]? canonical, [NotNullWhen(false)] out string? error)
    {
        canonical = null;
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                error = "Text follows the JSON value.";
                return false;
            }

            return TryCanonicalize(document.RootElement, out canonical, out error);
        }
        catch (JsonException e)
        {
            error = "Not a JSON text: " + e.Message;
            return false;
        }
    }

    /// <summary>Canonicalizes a value Mandate built itself, where a refusal is a programming error.</summary>
    /// <exception cref="ArgumentException">The value is not I-JSON (see <see cref="TryCanonicalize(JsonElement, out byte[], out string)"/>).</exception>
    public static byte[] Canonicalize(JsonElement value) =>
        TryCanonicalize(value, out var canonical, out var error) ? canonical : throw new ArgumentException(error, nameof(value));
}
