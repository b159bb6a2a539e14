using System.Globalization;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Protocol.Tests.Rfc;

/// <summary>RFC 8785 (JSON Canonicalization Scheme) examples, and the refusals §3.1 asks for.</summary>
public class Rfc8785Tests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialization.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Format_AppendixBValue_MatchesEcmaScript(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(expected, EcmaScriptNumber.Format(value));
    }

    [Theory]
    [InlineData("7fffffffffffffff")] // NaN
    [InlineData("7ff0000000000000")] // Infinity
    [InlineData("fff0000000000000")] // -Infinity
    public void Format_AppendixBNonFiniteValue_IsRefused(string ieeeHex)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.False(EcmaScriptNumber.TryFormat(value, new byte[EcmaScriptNumber.MaxLength], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcmaScriptNumber.Format(value));
    }

    // Where .NET's own layout differs from ECMAScript's: the thresholds at 1e21 and 1e-6, and plain integers.
    [Theory]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e22, "1e+22")]
    [InlineData(100, "100")]
    [InlineData(-1.25, "-1.25")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(4.5, "4.5")]
    public void Format_ThresholdValues_MatchEcmaScript(double value, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumber.Format(value));
    }

    // RFC 8785 §3.2.2 (input) and §3.2.3 (output): whitespace, numbers, string escapes and literals.
    [Fact]
    public void Canonicalize_Section322Example_GivesSection323Output()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected =
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.Equal(expected, CanonicalizeText(input));
    }

    // RFC 8785 §3.2.3: members sorted by UTF-16 code units, so U+1F600 (D83D DE00) comes before U+FB33.
    [Fact]
    public void Canonicalize_Section323SortingExample_SortsByUtf16CodeUnits()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            + "\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, CanonicalizeText(input));
    }

    // RFC 8785 §3.2.4: the UTF-8 bytes of the §3.2.3 output, as the RFC's hex dump gives them.
    [Fact]
    public void Canonicalize_Section322Example_GivesSection324Bytes()
    {
        const string input = """
            {"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
             "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}
            """;
        const string expectedHex =
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b333333333333"
            + "3333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e2"
            + "82ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";

        Assert.Equal(expectedHex, Convert.ToHexStringLower(Canonicalize(input)));
    }

    [Fact]
    public void Canonicalize_NestedObjects_AreSortedAtEveryLevelAndArraysKeepTheirOrder()
    {
        Assert.Equal("""{"a":{"c":null,"d":true},"b":[{"a":2,"z":1},3,1]}""",
            CanonicalizeText("""{ "b": [ { "z": 1, "a": 2 }, 3, 1 ], "a": { "d": true, "c": null } }"""));
    }

    [Fact]
    public void Canonicalize_ControlCharacters_UseShortFormsOrLowercaseHex()
    {
        Assert.Equal("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\u007f\u2028/\"",
            CanonicalizeText("\"\\u0000\\b\\t\\n\\u000B\\f\\r\\u001F\\u007f\\u2028\\/\""));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"x":{"b":1,"\u0062":2}}""")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\\ud800\"")]
    [InlineData("""{"\ud83d":1}""")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1} 2")]
    [InlineData("[1,]")]
    [InlineData("// comment\n1")]
    [InlineData("NaN")]
    [InlineData("")]
    public void TryCanonicalize_NotIJson_IsRefusedWithoutThrowing(string input)
    {
        Assert.False(JsonCanonicalizer.TryCanonicalize(Encoding.UTF8.GetBytes(input), out var canonical, out var error));
        Assert.Null(canonical);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryCanonicalize_InvalidUtf8_IsRefused()
    {
        Assert.False(JsonCanonicalizer.TryCanonicalize([(byte)'"', 0xFF, (byte)'"'], out _, out _));
    }

    [Fact]
    public void Canonicalize_ElementWithDuplicateMembers_ThrowsArgumentException()
    {
        using var document = JsonDocument.Parse("""{"a":1,"a":1}""");
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(document.RootElement));
    }

    [Fact]
    public void Canonicalize_IsIdempotent()
    {
        var once = Canonicalize("""{"z":[1.0,2.50,-0,1E2],"a":"\u00e9\ud83d\ude00"}""");
        Assert.True(JsonCanonicalizer.TryCanonicalize(once, out var twice, out _));
        Assert.Equal(once, twice);
        Assert.Equal("""{"a":"é😀","z":[1,2.5,0,100]}""", Encoding.UTF8.GetString(once));
    }

    private static byte[] Canonicalize(string json)
    {
        Assert.True(JsonCanonicalizer.TryCanonicalize(Encoding.UTF8.GetBytes(json), out var canonical, out var error), error);
        return canonical;
    }

    private static string CanonicalizeText(string json) => Encoding.UTF8.GetString(Canonicalize(json));
}
