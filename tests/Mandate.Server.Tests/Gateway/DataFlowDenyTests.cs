using System.Net;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>With Gateway:PrivateThenEgress = deny: the rule is per grant, durable, and covers sub-agents of the grant.</summary>
public sealed class DataFlowDenyTests(DataFlowDenyFixture fixture) : IClassFixture<DataFlowDenyFixture>
{
    [Fact]
    public async Task AGrantThatReadPrivateData_CannotSendItOut_NorCanItsSubAgents()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var parent = (await fixture.AuthorizeAsync("mailbox", fixture.Details("mailbox", maxWrites: 5, expiresAt: expiresAt))).GetProperty("access_token").GetString()!;
        var sub = (await fixture.PostTokenAsync(fixture.SubAgent,
            ("grant_type", GrantTypes.TokenExchange), ("subject_token", parent),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"))).GetProperty("access_token").GetString()!;

        Assert.Null((await DataFlowCalls.CallAsync(fixture, sub, "write_note", new { id = "n1", text = "before" })).ErrorCode);
        Assert.Null((await DataFlowCalls.CallAsync(fixture, parent, "read_note", new { id = "n1" })).ErrorCode);
        var fromParent = await DataFlowCalls.CallAsync(fixture, parent, "write_note", new { id = "n1", text = "leak" });
        var fromSub = await DataFlowCalls.CallAsync(fixture, sub, "write_note", new { id = "n1", text = "leak" });

        Assert.Equal(GatewayErrorCodes.DataFlowRefused, fromParent.ErrorCode);
        Assert.Contains("refused: it sends data out", fromParent.Message, StringComparison.Ordinal);
        Assert.Equal(GatewayErrorCodes.DataFlowRefused, fromSub.ErrorCode);
        var jti = CompactJws.TryParse(parent)!.GetClaim("jti")!;
        Assert.Contains(await fixture.Audit.WaitForAsync(jti, 3), e => e.Reason == "data flow: egress after private data");
    }
}
