namespace Mandate.Core.Tests.Mandates;

/// <summary>Mandate JSON for the tests: one valid mandate and ways to bend it.</summary>
internal static class MandateExamples
{
    public const string Resource = "https://mcp.example.com/mcp";
    public const long ExpiresAt = 1_767_272_400; // 2026-01-01T13:00:00Z, an hour after CoreHarness.Start
    public const string IssueSchema = """{"type":"object","properties":{"repo":{"const":"acme/web"},"title":{"type":"string","maxLength":80}},"required":["repo","title"]}""";

    public static string Tool(string name = "create_issue", string? arguments = IssueSchema, int? maxCalls = 3)
    {
        var members = new List<string> { $"\"name\":\"{name}\"" };
        if (arguments is not null)
        {
            members.Add($"\"arguments\":{arguments}");
        }

        if (maxCalls is { } max)
        {
            members.Add($"\"max_calls\":{max}");
        }

        return "{" + string.Join(",", members) + "}";
    }

    public static string Details(string? tools = null, string location = Resource, long expiresAt = ExpiresAt, string extra = "", string purpose = "file the bug report") =>
        $$"""[{"type":"mandate","locations":["{{location}}"],"tools":[{{tools ?? Tool()}}],"purpose":"{{purpose}}","expires_at":{{expiresAt}}{{extra}}}]""";
}
