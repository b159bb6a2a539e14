using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Mandate.Protocol.Json;

/// <summary>The recursive walk behind <see cref="JsonCanonicalizer"/>.</summary>
internal static class JcsWriter
{
    public static bool TryWrite(JsonElement value, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return TryWriteObject(value, output, out error);
            case JsonValueKind.Array:
                return TryWriteArray(value, output, out error);
            case JsonValueKind.String:
                return TryWriteString(value, output, out error);
            case JsonValueKind.Number:
                return TryWriteNumber(value, output, out error);
            case JsonValueKind.True:
                output.Write("true"u8);
                return true;
            case JsonValueKind.False:
                output.Write("false"u8);
                return true;
            case JsonValueKind.Null:
                output.Write("null"u8);
                return true;
            default:
                error = "No JSON value.";
                return false;
        }
    }

    private static bool TryWriteObject(JsonElement value, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        var members = new List<(string Name, JsonElement Value)>();
        foreach (var member in value.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to unescape a lone surrogate (\ud800) into a string.
                error = "A member name holds an unpaired surrogate.";
                return false;
            }

            members.Add((name, member.Value));
        }

        // string.CompareOrdinal compares UTF-16 code units, which is exactly RFC 8785 §3.2.3's order.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                {
                    error = $"Duplicate member name \"{members[i].Name}\" (I-JSON, RFC 7493 §2.3).";
                    return false;
                }

                output.Write(","u8);
            }

            if (!JcsString.TryWrite(members[i].Name, output))
            {
                error = "A member name holds an unpaired surrogate.";
                return false;
            }

            output.Write(":"u8);
            if (!TryWrite(members[i].Value, output, out error))
            {
                return false;
            }
        }

        output.Write("}"u8);
        error = null;
        return true;
    }

    private static bool TryWriteArray(JsonElement value, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        output.Write("["u8);
        var first = true;
        foreach (var item in value.EnumerateArray())
        {
            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            if (!TryWrite(item, output, out error))
            {
                return false;
            }
        }

        output.Write("]"u8);
        error = null;
        return true;
    }

    private static bool TryWriteString(JsonElement value, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            error = "A string holds an unpaired surrogate.";
            return false;
        }

        error = null;
        if (!JcsString.TryWrite(text, output))
        {
            error = "A string holds an unpaired surrogate.";
            return false;
        }

        return true;
    }

    private static bool TryWriteNumber(JsonElement value, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        // TryGetDouble rounds to nearest (IEEE 754); beyond the double range it gives an infinity.
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            error = $"The number {value.GetRawText()} does not fit an IEEE 754 double.";
            return false;
        }

        var span = output.GetSpan(EcmaScriptNumber.MaxLength);
        EcmaScriptNumber.TryFormat(number, span, out var written);
        output.Advance(written);
        error = null;
        return true;
    }
}
