using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>Every JSON-RPC message through the gateway is one "gateway.call" audit event: who, what, the decision and why.</summary>
public sealed class AuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task AllowedCall_IsRecorded_WithWhoWhatAndHowItWent()
    {
        var issued = fixture.Token("stateless", "mcp:read", subject: "usr_audit", clientId: "client_audit");
        const string Arguments = "{\"id\":\"n-42\"}";
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"read_note\",\"arguments\":" + Arguments + "}}";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, body);
        _ = await McpHttp.MessagesAsync(response);

        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId));
        Assert.Equal("allow", recorded.Decision);
        Assert.Equal("usr_audit", recorded.Subject);
        Assert.Equal("client_audit", recorded.ClientId);
        Assert.Equal("stateless", recorded.Upstream);
        Assert.Equal("tools/call", recorded.Method);
        Assert.Equal("read_note", recorded.Tool);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Arguments))), recorded.ArgumentsDigest);
        Assert.Equal(200, recorded.UpstreamStatus);
        Assert.True(recorded.LatencyMs > 0);
        Assert.Contains("read", recorded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepUp_IsRecordedAsDeny_WithTheScopeItNeeded()
    {
        var issued = fixture.Token("stateless", "mcp:read");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(1, "delete_note"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId));
        Assert.Equal("deny", recorded.Decision);
        Assert.Equal("delete_note", recorded.Tool);
        Assert.Null(recorded.UpstreamStatus);
        Assert.Contains("mcp:read mcp:write mcp:destructive", recorded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeniedTool_IsRecordedAsDeny()
    {
        var issued = fixture.Token("stateless", "mcp:destructive");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(1, "purge_all"));
        _ = await McpHttp.MessagesAsync(response);

        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId));
        Assert.Equal("deny", recorded.Decision);
        Assert.Contains("denied by policy", recorded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamFailure_IsRecordedAsError()
    {
        var issued = fixture.Token("down");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("down"), issued.Token, McpHttp.Message(1, "ping"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId));
        Assert.Equal("error", recorded.Decision);
        Assert.Equal("upstream unreachable", recorded.Reason);
    }

    [Fact]
    public async Task Batch_IsOneEventPerMessage()
    {
        var issued = fixture.Token("stateless");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, $"[{McpHttp.Message(1, "ping")},{McpHttp.ListTools(2)},{McpHttp.Notification("notifications/initialized")}]");
        _ = await response.Content.ReadAsStringAsync();

        Assert.Equal(["ping", "tools/list", "notifications/initialized"], (await fixture.Audit.WaitForAsync(issued.TokenId, 3)).Select(e => e.Method));
    }

    [Fact]
    public async Task RefusedTokens_LeaveNoEvent_AndNoTokenIsEverRecorded()
    {
        var before = fixture.Audit.Events.Count;
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), "garbage", McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, fixture.Audit.Events.Count);
        var issued = fixture.Token("stateless");
        using var allowed = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.ListTools(1));
        _ = await allowed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(fixture.Audit.Events, e => e.ToString().Contains(issued.Token, StringComparison.Ordinal));
    }
}
