using System.Net;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Private data, then egress, at "mailbox" (read_note labelled private, write_note egress): by default (approval) the
/// egress call is held for a person's approval, and fails as a tool error when nobody decides within
/// Gateway:ApprovalTimeout (2 s here); nothing is held before private data was read.
/// </summary>
public sealed class DataFlowTests(MandateGatewayFixture fixture) : IClassFixture<MandateGatewayFixture>
{
    [Fact]
    public async Task EgressAfterPrivate_IsHeldForApproval_AndTimesOutAsAToolError()
    {
        var token = fixture.Token("mailbox", "mcp:read mcp:write").Token;

        Assert.Equal(HttpStatusCode.OK, (await DataFlowCalls.CallAsync(fixture, token, "write_note", new { id = "n1", text = "before" })).Status);
        Assert.Null((await DataFlowCalls.CallAsync(fixture, token, "read_note", new { id = "n1" })).ErrorCode);
        using var response = await McpHttp.PostAsync(fixture.Endpoint("mailbox"), token, McpHttp.Call(1, "write_note", new { id = "n1", text = "after" }));
        var result = (await McpHttp.ResponseAsync(response, 1)).GetProperty("result");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("expired", result.GetProperty("_meta").GetProperty(HeldCallMessages.MetaKey).GetProperty("status").GetString());
        var events = await fixture.Audit.WaitForAsync(CompactJws.TryParse(token)!.GetClaim("jti")!, 4);
        Assert.Contains(events, e => e.Decision == "held" && e.Reason!.StartsWith("egress after private data requires approval: held for approval ", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Decision == "deny" && e.Reason!.EndsWith(" timed out", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Stateless.Recorder.Requests, r => r.Body.Contains("\"after\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherTokenWithoutMandate_IsNotAffected()
    {
        var reader = fixture.Token("mailbox", "mcp:read mcp:write").Token;
        var writer = fixture.Token("mailbox", "mcp:read mcp:write").Token;

        Assert.Null((await DataFlowCalls.CallAsync(fixture, reader, "read_note", new { id = "n1" })).ErrorCode);

        Assert.Null((await DataFlowCalls.CallAsync(fixture, writer, "write_note", new { id = "n1", text = "fine" })).ErrorCode);
    }
}
