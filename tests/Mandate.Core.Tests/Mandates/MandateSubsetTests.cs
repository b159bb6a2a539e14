using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

public sealed class MandateSubsetTests
{
    private static readonly TaskMandate Held = Parse(MandateExamples.Details(MandateExamples.Tool() + "," + MandateExamples.Tool("list_issues", arguments: null, maxCalls: null)));

    [Fact]
    public void SameMandate_IsASubset() => Assert.Null(MandateSubset.FirstViolation(Held, Held));

    [Fact]
    public void FewerToolsLowerCountsEarlierExpiry_IsASubset()
    {
        var narrower = Parse(MandateExamples.Details(MandateExamples.Tool(maxCalls: 1), expiresAt: MandateExamples.ExpiresAt - 60));

        Assert.Null(MandateSubset.FirstViolation(Held, narrower));
    }

    [Fact]
    public void AllOfWithTheHeldSchemaFirst_IsASubset()
    {
        var extended = AllOf(MandateExamples.IssueSchema, """{"properties":{"title":{"pattern":"^bug:"}}}""");

        Assert.Null(MandateSubset.FirstViolation(Held, Parse(MandateExamples.Details(MandateExamples.Tool(arguments: extended)))));
    }

    [Fact]
    public void AllOfMayItselfBeExtendedAgain()
    {
        var once = AllOf(MandateExamples.IssueSchema, """{"properties":{"title":{"pattern":"^bug:"}}}""");
        var twice = AllOf(once, """{"properties":{"title":{"maxLength":40}}}""");

        Assert.Null(MandateSubset.FirstViolation(Parse(MandateExamples.Details(MandateExamples.Tool(arguments: once))), Parse(MandateExamples.Details(MandateExamples.Tool(arguments: twice)))));
    }

    [Fact]
    public void SchemaFormattingDoesNotMatter()
    {
        var reordered = """{ "required": ["repo","title"], "properties": {"title":{"maxLength":80,"type":"string"},"repo":{"const":"acme/web"}}, "type": "object" }""";

        Assert.Null(MandateSubset.FirstViolation(Held, Parse(MandateExamples.Details(MandateExamples.Tool(arguments: reordered)))));
    }

    [Fact]
    public void ArgumentsAddedToAnUnconstrainedTool_AreASubset() =>
        Assert.Null(MandateSubset.FirstViolation(Held, Parse(MandateExamples.Details(MandateExamples.Tool("list_issues", arguments: """{"type":"object"}""", maxCalls: 5)))));

    public static TheoryData<string, string> Wider => new()
    {
        { MandateExamples.Details(MandateExamples.Tool("delete_repo")), "Tool 'delete_repo' is not in the held mandate" },
        { MandateExamples.Details(location: "https://other.example.com/mcp"), "is not in the held mandate" },
        { MandateExamples.Details(MandateExamples.Tool(maxCalls: 4)), "must be at most 3" },
        { MandateExamples.Details(MandateExamples.Tool(maxCalls: null)), "must be at most 3" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: null)), "must be the held schema" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: """{"type":"object","properties":{"repo":{"const":"acme/web"}}}""")), "must be the held schema" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: AllOf("""{"type":"object"}""", MandateExamples.IssueSchema))), "must be the held schema" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: AllOf(MandateExamples.IssueSchema))), "must be the held schema" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: AllOf(MandateExamples.IssueSchema, """{"maxProperties":2}""")[..^1] + ""","anyOf":[true]}""")), "must be the held schema" },
        { MandateExamples.Details(MandateExamples.Tool(arguments: "{\"anyOf\":[" + MandateExamples.IssueSchema + """,{"maxProperties":2}]}""")), "must be the held schema" },
        { MandateExamples.Details(expiresAt: MandateExamples.ExpiresAt + 1), "expires_at is later" },
        { MandateExamples.Details(purpose: "something else"), "purpose differs" },
    };

    [Theory]
    [MemberData(nameof(Wider))]
    public void WiderMandates_AreRefused(string json, string reason) =>
        Assert.Contains(reason, MandateSubset.FirstViolation(Held, Parse(json)), StringComparison.Ordinal);

    [Fact]
    public void Effective_KeepsTheHeldPurposeWhenNoneIsGiven()
    {
        var withoutPurpose = Parse("""[{"type":"mandate","locations":["https://mcp.example.com/mcp"],"tools":[{"name":"list_issues"}],"expires_at":1767272000}]""");

        Assert.Null(MandateSubset.FirstViolation(Held, withoutPurpose));
        Assert.Equal("file the bug report", MandateSubset.Effective(Held, withoutPurpose).Purpose);
    }

    private static string AllOf(params string[] schemas) => "{\"allOf\":[" + string.Join(",", schemas) + "]}";

    private static TaskMandate Parse(string json) => MandateParser.Parse(json).Mandate ?? throw new InvalidOperationException(MandateParser.Parse(json).Error);
}
