using System.Text.Json;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

public sealed class MandateWordingTests
{
    [Fact]
    public void Describe_PutsCommonKeywordsInWords()
    {
        var mandate = MandateParser.Parse(MandateExamples.Details(MandateExamples.Tool() + "," + MandateExamples.Tool("list_issues", arguments: null, maxCalls: 1))).Mandate!;

        var tools = MandateWording.Describe(mandate);

        Assert.Equal("at most 3 times", tools[0].Calls);
        Assert.Equal(["repo must be exactly \"acme/web\"", "title is a string, has at most 80 characters", "required: repo, title"], tools[0].ArgumentLimits);
        Assert.Equal("at most once", tools[1].Calls);
        Assert.Equal(["any arguments"], tools[1].ArgumentLimits);
    }

    [Theory]
    [InlineData("""{"properties":{"n":{"minimum":1,"maximum":5}},"additionalProperties":false}""", "n is at least 1, is at most 5|no other arguments")]
    [InlineData("""{"properties":{"state":{"enum":["open","closed"]},"q":{"pattern":"^a"}}}""", "state must be one of \"open\", \"closed\"|q must match the pattern \"^a\"")]
    [InlineData("""{"allOf":[{"properties":{"q":{"maxLength":9}}},{"properties":{"q":{"minLength":2}}}]}""", "q has at most 9 characters|q has at least 2 characters")]
    [InlineData("""{"oneOf":[{"required":["a"]},{"required":["b"]}]}""", "arguments must match this JSON Schema: {\"oneOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"]}]}")]
    [InlineData("""{"properties":{"tags":{"type":"array","items":{"type":"string"}}}}""", "arguments must match this JSON Schema: {\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}")]
    public void SchemaWording_DescribesOrShowsTheSchema(string schema, string expected)
    {
        using var document = JsonDocument.Parse(schema);

        Assert.Equal(expected.Split('|'), SchemaWording.Describe(document.RootElement));
    }

    [Fact]
    public void Expiry_SaysWhenInUtcAndHowSoon()
    {
        var mandate = MandateParser.Parse(MandateExamples.Details()).Mandate!;

        Assert.Equal("until 2026-01-01 13:00 UTC (in 60 minutes)", MandateWording.Expiry(mandate, DateTimeOffset.FromUnixTimeSeconds(MandateExamples.ExpiresAt - 3600)));
    }
}
