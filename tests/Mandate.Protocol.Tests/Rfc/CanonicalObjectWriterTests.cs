using System.Buffers;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Protocol.Tests.Rfc;

public sealed class CanonicalObjectWriterTests
{
    [Fact]
    public void WritesTheSameBytesAsTheCanonicalizer()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CanonicalObjectWriter(buffer);
        using var nested = JsonDocument.Parse("""{"b": 2.0, "a": [1e1, "x"]}""");

        Assert.True(writer.TryWriteValue("a", nested.RootElement, out _));
        writer.WriteBoolean("b", false);
        writer.WriteNumber("c", 1e21);
        Assert.True(writer.TryWriteString("d\u00e9", "line\nbreak \"quoted\" \u0001"));
        writer.WriteNumber("e", 0.000001);
        writer.End();

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("{\"a\":{\"a\":[10,\"x\"],\"b\":2},\"b\":false,\"c\":1e+21,\"d\u00e9\":\"line\\nbreak \\\"quoted\\\" \\u0001\",\"e\":0.000001}", text);
        Assert.True(JsonCanonicalizer.TryCanonicalize(buffer.WrittenSpan, out var canonical, out _));
        Assert.Equal(text, Encoding.UTF8.GetString(canonical));
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("a_b", "a")]
    public void AMemberOutOfCanonicalOrder_Throws(string first, string second)
    {
        var writer = new CanonicalObjectWriter(new ArrayBufferWriter<byte>());
        writer.WriteBoolean(first, true);

        Assert.Throws<InvalidOperationException>(() => writer.WriteBoolean(second, true));
    }

    [Fact]
    public void NaN_AndALoneSurrogate_AreRefused()
    {
        var writer = new CanonicalObjectWriter(new ArrayBufferWriter<byte>());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteNumber("a", double.NaN));
        Assert.False(writer.TryWriteString("b", "\ud800"));
    }

    [Fact]
    public void NothingIsWrittenAfterEnd()
    {
        var writer = new CanonicalObjectWriter(new ArrayBufferWriter<byte>());
        writer.End();

        Assert.Throws<InvalidOperationException>(() => writer.WriteBoolean("a", true));
        Assert.Throws<InvalidOperationException>(writer.End);
    }
}
