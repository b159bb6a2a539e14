using System.Globalization;

namespace Mandate.Protocol.Json;

/// <summary>
/// Formats a double the way ECMAScript's <c>Number.prototype.toString()</c> does (ECMA-262 §6.1.6.1.20,
/// "Number::toString"), which is what RFC 8785 §3.2.2.3 requires for JSON numbers.
/// </summary>
/// <remarks>
/// .NET's round-trip format already finds the shortest digit string that reads back to the same double
/// (and the closest one when several are equally short); only the layout differs (<c>1E+23</c> against
/// ECMAScript's <c>1e+23</c>, <c>1E-05</c> against <c>0.00001</c>, <c>1E+15</c> against <c>1000000000000000</c>),
/// so this class takes the digits and the decimal exponent from .NET and lays them out by the ECMAScript rules.
/// </remarks>
public static class EcmaScriptNumber
{
    /// <summary>The longest output: sign, <c>0.</c>, five zeros and 17 digits (25), or a 17-digit exponent form (24).</summary>
    public const int MaxLength = 32;

    /// <summary>Formats a finite double as ECMAScript would; negative zero gives <c>0</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (not JSON).</exception>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        if (!TryFormat(value, buffer, out var written))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation.");
        }

        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>
    /// Writes the ECMAScript form of <paramref name="value"/> as ASCII (UTF-8) bytes.
    /// Returns false, writing nothing, for NaN, infinities, or a destination shorter than needed
    /// (<see cref="MaxLength"/> always suffices).
    /// </summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (value == 0)
        {
            // Covers -0 too: ECMAScript prints both zeros as "0".
            return TryWrite(destination, "0"u8, ref written);
        }

        Span<byte> digits = stackalloc byte[40];
        var (digitCount, pointPosition) = ShortestDigits(Math.Abs(value), digits);
        Span<byte> output = stackalloc byte[MaxLength];
        var length = 0;
        if (value < 0)
        {
            output[length++] = (byte)'-';
        }

        length += Layout(digits[..digitCount], pointPosition, output[length..]);
        return TryWrite(destination, output[..length], ref written);
    }

    /// <summary>
    /// The shortest round-trip decimal digits s (no leading or trailing zeros) and n such that the value is
    /// 0.s × 10^n, i.e. the decimal point sits n digits after the start of s (ECMAScript's k and n).
    /// </summary>
    private static (int DigitCount, int PointPosition) ShortestDigits(double positive, Span<byte> digits)
    {
        Span<char> text = stackalloc char[40];
        if (!positive.TryFormat(text, out var textLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double's round-trip form always fits in 40 characters.");
        }

        var count = 0;
        var point = -1;
        var exponent = 0;
        var i = 0;
        for (; i < textLength && text[i] is not ('E' or 'e'); i++)
        {
            if (text[i] == '.')
            {
                point = count;
            }
            else
            {
                digits[count++] = (byte)text[i];
            }
        }

        if (i < textLength)
        {
            exponent = int.Parse(text[(i + 1)..textLength], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var pointPosition = (point < 0 ? count : point) + exponent;
        var start = 0;
        while (start < count - 1 && digits[start] == (byte)'0')
        {
            start++;
            pointPosition--;
        }

        var end = count;
        while (end > start + 1 && digits[end - 1] == (byte)'0')
        {
            end--;
        }

        digits[start..end].CopyTo(digits);
        return (end - start, pointPosition);
    }

    /// <summary>ECMA-262 Number::toString steps 6 to 10, for k digits and point position n.</summary>
    private static int Layout(ReadOnlySpan<byte> digits, int n, Span<byte> output)
    {
        var k = digits.Length;
        var length = 0;
        if (k <= n && n <= 21)
        {
            digits.CopyTo(output);
            output.Slice(k, n - k).Fill((byte)'0');
            return n;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(output);
            output[n] = (byte)'.';
            digits[n..].CopyTo(output[(n + 1)..]);
            return k + 1;
        }

        if (-6 < n && n <= 0)
        {
            output[length++] = (byte)'0';
            output[length++] = (byte)'.';
            output.Slice(length, -n).Fill((byte)'0');
            length += -n;
            digits.CopyTo(output[length..]);
            return length + k;
        }

        output[length++] = digits[0];
        if (k > 1)
        {
            output[length++] = (byte)'.';
            digits[1..].CopyTo(output[length..]);
            length += k - 1;
        }

        output[length++] = (byte)'e';
        output[length++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
        var exponent = Math.Abs(n - 1);
        exponent.TryFormat(output[length..], out var exponentLength, default, CultureInfo.InvariantCulture);
        return length + exponentLength;
    }

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> bytes, ref int written)
    {
        if (!bytes.TryCopyTo(destination))
        {
            return false;
        }

        written = bytes.Length;
        return true;
    }
}
