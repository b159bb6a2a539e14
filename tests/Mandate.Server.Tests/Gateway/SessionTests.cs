using System.Net;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Mcp-Session-Id is mapped: the client holds the gateway's id, bound to its user and client; the upstream keeps its
/// own. Unknown or foreign sessions get 404 (never 401); DELETE ends the session at both ends.
/// </summary>
public sealed class SessionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Initialize_HandsTheClientTheGatewaysOwnSessionId()
    {
        var token = fixture.Token("notes", subject: "usr_s1", clientId: "client_s1").Token;
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), token);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), token, McpHttp.ListTools(1), sessionId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("read_note", await McpHttp.ToolNamesAsync(response, 1));
        var upstreamIds = fixture.Notes.Recorder.Requests.Select(r => r.Header("mcp-session-id")).OfType<string>().ToHashSet();
        Assert.NotEmpty(upstreamIds);
        Assert.DoesNotContain(sessionId, upstreamIds);
        Assert.Equal(sessionId, response.Headers.GetValues("Mcp-Session-Id").Single());
    }

    [Fact]
    public async Task UnknownSession_Is404_NotA401()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), fixture.Token("notes").Token, McpHttp.ListTools(1), "no-such-session");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal(-32001, await McpHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task UpstreamsOwnSessionId_IsUnknownAtTheGateway()
    {
        var token = fixture.Token("notes").Token;
        await McpHttp.InitializeAsync(fixture.Endpoint("notes"), token);
        var upstreamId = fixture.Notes.Recorder.Requests.Select(r => r.Header("mcp-session-id")).OfType<string>().Last();

        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), token, McpHttp.ListTools(1), upstreamId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("other user", "client_shared")]
    [InlineData("usr_owner", "other client")]
    public async Task AnotherCallersSession_Is404(string subject, string clientId)
    {
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), fixture.Token("notes", subject: "usr_owner", clientId: "client_shared").Token);
        var intruder = fixture.Token("notes", "mcp:destructive", subject: subject.Replace(' ', '_'), clientId: clientId.Replace(' ', '_')).Token;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), intruder, McpHttp.ListTools(1), sessionId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SessionOfAnotherUpstream_Is404()
    {
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), fixture.Token("notes", subject: "usr_x", clientId: "client_x").Token);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", subject: "usr_x", clientId: "client_x").Token, McpHttp.ListTools(1), sessionId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_EndsTheSession_AtTheGatewayAndUpstream()
    {
        var token = fixture.Token("notes").Token;
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), token);
        var upstreamId = fixture.Notes.Recorder.Requests.Select(r => r.Header("mcp-session-id")).OfType<string>().Last();

        using var deleted = await McpHttp.Client.SendAsync(McpHttp.Request(HttpMethod.Delete, fixture.Endpoint("notes"), token, sessionId: sessionId));

        Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");
        Assert.Contains(fixture.Notes.Recorder.Requests, r => r.Method == "DELETE" && r.Header("mcp-session-id") == upstreamId);
        using var after = await McpHttp.PostAsync(fixture.Endpoint("notes"), token, McpHttp.ListTools(1), sessionId);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Delete_WithoutASession_Is400_AndOfAnUnknownOne_404()
    {
        var token = fixture.Token("notes").Token;

        using var none = await McpHttp.Client.SendAsync(McpHttp.Request(HttpMethod.Delete, fixture.Endpoint("notes"), token));
        using var unknown = await McpHttp.Client.SendAsync(McpHttp.Request(HttpMethod.Delete, fixture.Endpoint("notes"), token, sessionId: "nope"));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StatelessUpstream_NoSessionIdEitherWay()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.Initialize(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal("2025-11-25", (await McpHttp.ResponseAsync(response, 1)).GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task Get_OpensTheSessionsEventStream()
    {
        var token = fixture.Token("notes").Token;
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), token);

        using var request = McpHttp.Request(HttpMethod.Get, fixture.Endpoint("notes"), token, sessionId: sessionId);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await McpHttp.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var upstreamId = fixture.Notes.Recorder.Requests.Last(r => r.Method == "GET").Header("mcp-session-id");
        Assert.NotNull(upstreamId);
        Assert.NotEqual(sessionId, upstreamId);
    }
}
