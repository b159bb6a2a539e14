using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Mandates;

/// <summary>A refused mandate goes back to the client as invalid_authorization_details, before anyone signs in.</summary>
public sealed class MandateRefusalTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string> Refused => new()
    {
        "[{\"type\":\"mandate\",",
        MandateRequests.Details(type: "payment_initiation"),
        MandateRequests.Details(location: ServerFixture.OtherResource),
        MandateRequests.Details(tools: """{"name":"create_issue","arguments":{"type":"banana"}}"""),
        MandateRequests.Details(tools: """{"name":"create_issue","max_calls":0}"""),
        MandateRequests.Details(expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()),
        MandateRequests.Details(expiresAt: DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeSeconds()),
        MandateRequests.Details().Replace("\"purpose\"", "\"actions\":[],\"purpose\"", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusedMandate_RedirectsWithInvalidAuthorizationDetails(string details)
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("authorization_details", details));

        var response = await browser.AuthorizeAsync(url, TestFlow.Redirect, "alice", MandateTestServer.Password);

        var callback = TestFlow.Callback(response);
        Assert.Equal("invalid_authorization_details", callback["error"]);
        Assert.Equal("st-1", callback["state"]);
        Assert.Empty(browser.PagesSeen);
    }
}
