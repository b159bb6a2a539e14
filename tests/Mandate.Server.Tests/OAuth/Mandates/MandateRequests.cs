namespace Mandate.Server.Tests.OAuth.Mandates;

/// <summary>Mandates for the integration tests, expiring relative to the real clock.</summary>
public static class MandateRequests
{
    public const string IssueSchema = """{"type":"object","properties":{"repo":{"const":"acme/web"},"title":{"type":"string","maxLength":80}},"required":["repo","title"]}""";

    public static long InAnHour => DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();

    public static string Details(string location = Support.TestFlow.Resource, string tools = """{"name":"create_issue","arguments":""" + IssueSchema + ""","max_calls":3}""", long? expiresAt = null, string type = "mandate") =>
        $$"""[{"type":"{{type}}","locations":["{{location}}"],"tools":[{{tools}}],"purpose":"file the bug report from this chat","expires_at":{{expiresAt ?? InAnHour}}}]""";
}
