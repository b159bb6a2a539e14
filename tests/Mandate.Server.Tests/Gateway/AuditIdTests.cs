using System.Globalization;
using System.Net;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Every audited gateway response names its events in Mandate-Audit-Id, and an allowed call is forwarded only once
/// its event is recorded.
/// </summary>
public sealed class AuditIdTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task StepUp_NamesTheDenyEvent()
    {
        var issued = fixture.Token("stateless", "mcp:read");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(1, "delete_note"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Ids(fixture.Audit.IdsFor(issued.TokenId)), AuditId(response));
        Assert.Equal("deny", fixture.Audit.For(issued.TokenId).Single().Decision);
    }

    [Fact]
    public async Task Batch_NamesOneEventPerMessage_InOrder()
    {
        var issued = fixture.Token("stateless");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, $"[{McpHttp.Message(1, "ping")},{McpHttp.ListTools(2)},{McpHttp.Notification("notifications/initialized")}]");
        _ = await response.Content.ReadAsStringAsync();

        var ids = fixture.Audit.IdsFor(issued.TokenId);
        Assert.Equal(3, ids.Count);
        Assert.Equal(Ids(ids), AuditId(response));
        Assert.Equal(["ping", "tools/list", "notifications/initialized"], ids.Select(id => fixture.Audit.ById(id)!.Method));
    }

    [Fact]
    public async Task UnknownSession_NamesTheDenyEvent()
    {
        var issued = fixture.Token("notes");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), issued.Token, McpHttp.ListTools(1), "no-such-session");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var id = Assert.Single(fixture.Audit.IdsFor(issued.TokenId));
        Assert.Equal(Ids([id]), AuditId(response));
        Assert.Equal("unknown session", fixture.Audit.ById(id)!.Reason);
    }

    [Fact]
    public async Task DeniedTool_NamesTheDenyEvent()
    {
        var issued = fixture.Token("stateless", "mcp:destructive");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(1, "purge_all"));

        Assert.Equal(Ids(fixture.Audit.IdsFor(issued.TokenId)), AuditId(response));
    }

    [Fact]
    public async Task SessionStreamAndSessionEnd_AreRecordedBeforeForwarding_AndNamed()
    {
        var issued = fixture.Token("notes");
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), issued.Token);
        using var get = McpHttp.Request(HttpMethod.Get, fixture.Endpoint("notes"), issued.Token, sessionId: sessionId);
        get.Headers.Accept.Clear();
        get.Headers.Accept.ParseAdd("text/event-stream");

        using (var stream = await McpHttp.Client.SendAsync(get, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            var streamEvent = fixture.Audit.ById(long.Parse(AuditId(stream), CultureInfo.InvariantCulture))!;
            Assert.Equal(("allow", "GET: server-to-client stream"), (streamEvent.Decision, streamEvent.Reason));
        }

        using var delete = McpHttp.Request(HttpMethod.Delete, fixture.Endpoint("notes"), issued.Token, sessionId: sessionId);
        using var ended = await McpHttp.Client.SendAsync(delete);

        var endEvent = fixture.Audit.ById(long.Parse(AuditId(ended), CultureInfo.InvariantCulture))!;
        Assert.Equal(("allow", "DELETE: end of session", issued.TokenId), (endEvent.Decision, endEvent.Reason, endEvent.TokenId));
    }

    [Fact]
    public async Task MalformedBody_IsRecordedAsRefused_AndNamed()
    {
        var issued = fixture.Token("stateless");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Ids(fixture.Audit.IdsFor(issued.TokenId)), AuditId(response));
        Assert.Equal(("deny", "malformed JSON-RPC"), (fixture.Audit.For(issued.TokenId).Single().Decision, fixture.Audit.For(issued.TokenId).Single().Reason));
    }

    [Fact]
    public async Task WhenTheLedgerCannotRecord_AnAllowedCall_IsNotForwarded()
    {
        var issued = fixture.Token("stateless");
        var before = fixture.Stateless.Recorder.Requests.Count(r => r.IsToolCall("read_note"));
        fixture.Audit.Failing = true;
        try
        {
            using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(7, "read_note"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(-32057, await McpHttp.ErrorCodeAsync(response));
            Assert.False(response.Headers.Contains("Mandate-Audit-Id"));
        }
        finally
        {
            fixture.Audit.Failing = false;
        }

        Assert.Equal(before, fixture.Stateless.Recorder.Requests.Count(r => r.IsToolCall("read_note")));
    }

    private static string AuditId(HttpResponseMessage response) => response.Headers.GetValues("Mandate-Audit-Id").Single();

    private static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
