using System.Buffers;
using System.Text.Json;

namespace Mandate.Protocol.Json;

/// <summary>
/// Writes one flat JSON object straight into its RFC 8785 (JCS) canonical form, for producers that know their member
/// names ahead and write them in canonical order (UTF-16 code-unit order, §3.2.3): the same bytes as
/// <see cref="JsonCanonicalizer"/> would make of the object, without building and re-parsing a JSON text first.
/// A member written out of order is a programming error and throws.
/// </summary>
public sealed class CanonicalObjectWriter
{
    private readonly IBufferWriter<byte> output;
    private string? lastName;
    private bool open;

    public CanonicalObjectWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
        output.Write("{"u8);
        open = true;
    }

    /// <summary>A string member (ECMAScript escaping); false when the value holds an unpaired surrogate (nothing useful was written).</summary>
    public bool TryWriteString(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteName(name);
        return JcsString.TryWrite(value, output);
    }

    /// <summary>A number member, formatted as ECMAScript formats doubles (§3.2.3); the value must be finite.</summary>
    public void WriteNumber(string name, double value)
    {
        Span<byte> digits = stackalloc byte[EcmaScriptNumber.MaxLength];
        if (!EcmaScriptNumber.TryFormat(value, digits, out var written))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation.");
        }

        WriteName(name);
        output.Write(digits[..written]);
    }

    /// <summary>A <c>true</c> or <c>false</c> member.</summary>
    public void WriteBoolean(string name, bool value)
    {
        WriteName(name);
        output.Write(value ? "true"u8 : "false"u8);
    }

    /// <summary>A member whose value is any JSON value, canonicalized; false (with an error) when it is not I-JSON.</summary>
    public bool TryWriteValue(string name, JsonElement value, out string? error)
    {
        WriteName(name);
        return JcsWriter.TryWrite(value, output, out error);
    }

    /// <summary>Closes the object; nothing may be written after.</summary>
    public void End()
    {
        if (!open)
        {
            throw new InvalidOperationException("The object is already closed.");
        }

        output.Write("}"u8);
        open = false;
    }

    private void WriteName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!open)
        {
            throw new InvalidOperationException("The object is already closed.");
        }

        if (lastName is not null)
        {
            if (string.CompareOrdinal(lastName, name) >= 0)
            {
                throw new InvalidOperationException($"Member \"{name}\" is written after \"{lastName}\": canonical order is by UTF-16 code units, each name once.");
            }

            output.Write(","u8);
        }

        if (!JcsString.TryWrite(name, output))
        {
            throw new ArgumentException("A member name holds an unpaired surrogate.", nameof(name));
        }

        output.Write(":"u8);
        lastName = name;
    }
}
