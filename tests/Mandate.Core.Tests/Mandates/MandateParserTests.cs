using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

public sealed class MandateParserTests
{
    [Fact]
    public void Parse_ValidMandate_ReadsEveryMember()
    {
        var result = MandateParser.Parse(MandateExamples.Details(MandateExamples.Tool() + "," + MandateExamples.Tool("list_issues", arguments: null, maxCalls: null)));

        var mandate = Assert.IsType<TaskMandate>(result.Mandate);
        Assert.Equal([MandateExamples.Resource], mandate.Locations);
        Assert.Equal("file the bug report", mandate.Purpose);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(MandateExamples.ExpiresAt), mandate.ExpiresAt);
        Assert.Equal(3, mandate.FindTool("create_issue")!.MaxCalls);
        Assert.NotNull(mandate.FindTool("create_issue")!.Arguments);
        Assert.Null(mandate.FindTool("list_issues")!.MaxCalls);
        Assert.Null(mandate.FindTool("list_issues")!.Arguments);
    }

    [Fact]
    public void Parse_CanonicalisesLocations()
    {
        var mandate = MandateParser.Parse(MandateExamples.Details(location: "https://MCP.example.com:443/mcp/")).Mandate;

        Assert.Equal([MandateExamples.Resource], mandate!.Locations);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var mandate = MandateParser.Parse(MandateExamples.Details()).Mandate!;

        var again = MandateJson.FromTrusted(MandateJson.ToJson(mandate))!;

        Assert.Equal(MandateJson.ToJson(mandate), MandateJson.ToJson(again));
        Assert.Contains("\"max_calls\":3", MandateJson.ToJson(mandate), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "not json", "not valid JSON" },
        { "{}", "non-empty JSON array" },
        { "[]", "non-empty JSON array" },
        { """[{"type":"payment_initiation"}]""", "type 'payment_initiation' is not supported" },
        { """[{"locations":[]}]""", "string type" },
        { MandateExamples.Details()[..^1] + "," + MandateExamples.Details()[1..], "one mandate per request" },
        { MandateExamples.Details(extra: ",\"actions\":[\"x\"]"), "Unknown member 'actions'" },
        { MandateExamples.Details(extra: ",\"purpose\":\"again\""), "appears twice" },
        { """[{"type":"mandate","locations":["https://mcp.example.com/mcp"],"tools":[{"name":"a"}]}]""", "needs locations, tools and expires_at" },
        { MandateExamples.Details(location: "not a uri"), "absolute resource URI" },
        { MandateExamples.Details(tools: ""), "tools must be an array of 1" },
        { MandateExamples.Details(tools: MandateExamples.Tool() + "," + MandateExamples.Tool()), "listed twice" },
        { MandateExamples.Details(tools: MandateExamples.Tool(name: "")), "name must be a string of 1" },
        { MandateExamples.Details(tools: """{"max_calls":1}"""), "needs a name" },
        { MandateExamples.Details(tools: """{"name":"a","when":"now"}"""), "Unknown member 'when' in a tool" },
        { MandateExamples.Details(tools: MandateExamples.Tool(maxCalls: 0)), "max_calls must be an integer from 1" },
        { MandateExamples.Details(tools: MandateExamples.Tool(maxCalls: 10_001)), "max_calls must be an integer from 1" },
        { MandateExamples.Details(tools: """{"name":"a","max_calls":1.5}"""), "max_calls must be an integer from 1" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: "true")), "must be a JSON object" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: """{"type":"banana"}""")), "meta-schema" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: """{"properties":{"a":{"maxLength":-1}}}""")), "meta-schema" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: """{"$ref":"https://evil.example/schema"}""")), "point into the schema itself" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: """{"$id":"https://x.example/s"}""")), "$id is not allowed" },
        { MandateExamples.Details(tools: MandateExamples.Tool(arguments: """{"$schema":"http://json-schema.org/draft-07/schema#"}""")), "must be draft 2020-12" },
        { MandateExamples.Details(purpose: ""), "purpose must be a string" },
        { MandateExamples.Details().Replace("1767272400", "\"2026-01-01T13:00:00Z\"", StringComparison.Ordinal), "expires_at must be a time in whole seconds" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Parse_Refuses(string json, string reason)
    {
        var result = MandateParser.Parse(json);

        Assert.Null(result.Mandate);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesOverlongInput() =>
        Assert.Contains("longer than", MandateParser.Parse(new string(' ', MandateParser.MaxJsonChars + 1)).Error, StringComparison.Ordinal);

    [Fact]
    public void Parse_AcceptsLocalReferencesAndDraft202012()
    {
        const string schema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{"t":{"type":"string"}},"properties":{"title":{"$ref":"#/$defs/t"}}}""";

        Assert.NotNull(MandateParser.Parse(MandateExamples.Details(tools: MandateExamples.Tool(arguments: schema))).Mandate);
    }
}
