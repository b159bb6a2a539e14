using System.Text;
using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;
using Mandate.Protocol.Json;
using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Core.Tests.Ledger;

public sealed class LedgerEntryWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entry_IsCanonicalSnakeCaseJson_WithVersion_AndNoNulls()
    {
        var record = LedgerEntryWriter.Prepare(new AuditEvent
        {
            Timestamp = Time.AddMilliseconds(250),
            Kind = "gateway.call",
            Decision = "allow",
            Subject = "usr_1",
            Tool = "read_note",
            UpstreamStatus = 200,
            LatencyMs = 1.5,
            ActorChain = """{ "sub": "b", "client_id": "b", "act": { "sub": "a", "client_id": "a" } }""",
            RelatesTo = 7,
        });

        Assert.Equal(
            """{"act":{"act":{"client_id":"a","sub":"a"},"client_id":"b","sub":"b"},"decision":"allow","kind":"gateway.call","latency_ms":1.5,"relates_to":7,"sub":"usr_1","time":"2026-11-28T10:00:00.25Z","tool":"read_note","upstream_status":200,"v":1}""",
            Encoding.UTF8.GetString(record.Entry));
        Assert.Equal(MerkleHash.HashLeaf(record.Entry), record.LeafHash);
        Assert.True(JsonCanonicalizer.TryCanonicalize(record.Entry, out var again, out _));
        Assert.Equal(record.Entry, again);
    }

    /// <summary>The writer writes canonical form directly; it must be byte for byte what RFC 8785 makes of the same object.</summary>
    [Fact]
    public void Encode_IsExactlyTheCanonicalFormOfTheEntry_ForEveryMemberAndAwkwardValues()
    {
        var random = new Random(8785);
        string[] awkward = ["", "plain", "quote \" and \\ backslash", "controls \u0001\b\t\n\f\r\u001f", "é ü 中文 😀", "\u2028\u2029 </script>", "+ & < > '"];
        double[] latencies = [0, 0.1, 1.5, 1e-7, 123456789.125, 1e21, 5e-324];
        for (var i = 0; i < 200; i++)
        {
            string? Pick() => random.Next(4) == 0 ? null : awkward[random.Next(awkward.Length)] + random.Next(1000);
            var e = new AuditEvent
            {
                Timestamp = Time.AddTicks(random.Next()),
                Kind = awkward[random.Next(awkward.Length)],
                Decision = Pick() ?? "allow",
                Reason = Pick(),
                Subject = Pick(),
                ClientId = Pick(),
                TokenId = Pick(),
                ActorChain = random.Next(3) == 0 ? null : """{ "sub": "b\u00e9", "n": 1.50, "client_id": "b", "act": { "sub": "a", "z": [true, null, 1e2] } }""",
                Upstream = Pick(),
                Resource = Pick(),
                Method = Pick(),
                Scope = Pick(),
                Tool = Pick(),
                ArgumentsDigest = Pick(),
                Arguments = Pick(),
                LatencyMs = random.Next(3) == 0 ? null : latencies[random.Next(latencies.Length)],
                UpstreamStatus = random.Next(3) == 0 ? null : random.Next(100, 600),
                SourceAddress = Pick(),
                CorrelationId = Pick(),
                RelatesTo = random.Next(3) == 0 ? null : random.NextInt64(0, 1L << 53),
            };
            var truncated = random.Next(2) == 0;

            var entry = LedgerEntryWriter.Encode(e, truncated);

            Assert.True(JsonCanonicalizer.TryCanonicalize(entry, out var canonical, out var error), error);
            Assert.Equal(Encoding.UTF8.GetString(canonical), Encoding.UTF8.GetString(entry));
            Assert.True(LedgerEntryReader.TryRead(entry, out var read));
            Assert.Equal(e.Kind, read!.Kind);
            Assert.Equal(e.Arguments, read.Arguments);
            Assert.Equal(e.RelatesTo, read.RelatesTo);
            Assert.Equal(truncated, JsonDocument.Parse(entry).RootElement.TryGetProperty("truncated", out _));
        }
    }

    [Fact]
    public void Encode_RefusesAnUnpairedSurrogate_ItIsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => LedgerEntryWriter.Encode(new AuditEvent { Timestamp = Time, Kind = "k", Decision = "allow", Reason = "\ud800" }));
    }

    [Theory]
    [InlineData(0, "2026-11-28T10:00:00Z")]
    [InlineData(1, "2026-11-28T10:00:00.0000001Z")]
    [InlineData(5_000_000, "2026-11-28T10:00:00.5Z")]
    public void Time_IsUtc_WithTheFractionItHas(long ticks, string expected)
    {
        var local = new DateTimeOffset(Time.AddTicks(ticks).DateTime.AddHours(2), TimeSpan.FromHours(2));

        Assert.Equal(expected, LedgerEntryWriter.FormatTime(local));
    }

    [Fact]
    public void Entry_ReadsBackAsTheEventItSays()
    {
        var record = LedgerEntryWriter.Prepare(new AuditEvent { Timestamp = Time.AddTicks(3), Kind = "k", Decision = "deny", Reason = "r", SourceAddress = "::1", CorrelationId = "c" });

        Assert.True(LedgerEntryReader.TryRead(record.Entry, out var read));
        Assert.Equal(record.Event, read);
    }

    [Fact]
    public void LongText_IsCut_AndTheEntrySaysSo()
    {
        var record = LedgerEntryWriter.Prepare(new AuditEvent { Timestamp = Time, Kind = "k", Decision = "deny", Reason = new string('x', 5000) });

        Assert.Equal(LedgerEntryWriter.TextLimit, record.Event.Reason!.Length);
        Assert.EndsWith("\u2026", record.Event.Reason, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(record.Entry).RootElement.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void AnEventOfHugeControlCharacterText_StillFitsAnEntryBundle()
    {
        var huge = new string('\u0001', 60_000);
        var record = LedgerEntryWriter.Prepare(new AuditEvent
        {
            Timestamp = Time, Kind = huge, Decision = huge, Reason = huge, Subject = huge, ClientId = huge, TokenId = huge, Upstream = huge,
            Resource = huge, Method = huge, Tool = huge, ArgumentsDigest = huge, SourceAddress = huge, CorrelationId = huge,
            ActorChain = "{\"sub\":\"" + new string('a', 20_000) + "\",\"client_id\":\"c\"}",
        });

        Assert.InRange(record.Entry.Length, 1, LedgerEntryWriter.MaxEntryBytes);
        Assert.Null(record.Event.ActorChain);
        Assert.True(LedgerEntryReader.TryRead(record.Entry, out _));
    }

    [Fact]
    public void UnpairedSurrogates_BecomeReplacementCharacters_SoTheEntryIsValidJcs()
    {
        var record = LedgerEntryWriter.Prepare(new AuditEvent { Timestamp = Time, Kind = "k", Decision = "allow", Tool = "a\uD800b\uDC00c\uD83D\uDE00" });

        Assert.Equal("a\uFFFDb\uFFFDc\uD83D\uDE00", record.Event.Tool);
    }

    [Fact]
    public void AnActChainThatIsNotAJsonObject_IsDropped_AsTruncated()
    {
        var record = LedgerEntryWriter.Prepare(new AuditEvent { Timestamp = Time, Kind = "k", Decision = "allow", ActorChain = "{\"a\":1,\"a\":2}" });

        Assert.Null(record.Event.ActorChain);
        Assert.Contains("\"truncated\":true", Encoding.UTF8.GetString(record.Entry), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"v":2,"time":"2026-11-28T10:00:00Z","kind":"k","decision":"d"}""")]
    [InlineData("""{"v":1,"time":"yesterday","kind":"k","decision":"d"}""")]
    [InlineData("""{"v":1,"time":"2026-11-28T10:00:00Z","decision":"d"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"v":1,""")]
    public void Reader_RefusesWhatIsNotAVersion1Entry(string json)
    {
        Assert.False(LedgerEntryReader.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }
}
