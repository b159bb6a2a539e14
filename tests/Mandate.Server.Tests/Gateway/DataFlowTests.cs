using System.Net;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Private data, then egress, at "mailbox" (read_note labelled private, write_note egress): by default (approval) the
/// egress call is refused saying it needs a person's approval, since approvals do not exist yet; nothing is refused
/// before private data was read.
/// </summary>
public sealed class DataFlowTests(MandateGatewayFixture fixture) : IClassFixture<MandateGatewayFixture>
{
    [Fact]
    public async Task EgressAfterPrivate_NeedsApproval_WhichIsRefusedForNow()
    {
        var token = fixture.Token("mailbox", "mcp:read mcp:write").Token;

        Assert.Equal(HttpStatusCode.OK, (await DataFlowCalls.CallAsync(fixture, token, "write_note", new { id = "n1", text = "before" })).Status);
        Assert.Null((await DataFlowCalls.CallAsync(fixture, token, "read_note", new { id = "n1" })).ErrorCode);
        var (status, code, message) = await DataFlowCalls.CallAsync(fixture, token, "write_note", new { id = "n1", text = "after" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GatewayErrorCodes.DataFlowRefused, code);
        Assert.Contains("needs a person's approval", message, StringComparison.Ordinal);
        var events = await fixture.Audit.WaitForAsync(CompactJws.TryParse(token)!.GetClaim("jti")!, 3);
        Assert.Contains(events, e => e.Decision == "deny" && e.Reason == "data flow: egress after private data requires approval (approvals are not available yet: refused)");
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
