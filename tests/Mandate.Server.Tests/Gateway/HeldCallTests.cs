using System.Net;
using System.Text.Json;
using Mandate.Core.Approvals;
using Mandate.Core.Security;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Approval-gated calls: "gated" write_note needs a person's approval for every call. The gateway holds the call,
/// alice decides (on the Approvals page or as the CLI does), and only an approved call reaches the upstream, once.
/// </summary>
public sealed class HeldCallTests(ApprovalGatewayFixture fixture) : IClassFixture<ApprovalGatewayFixture>
{
    [Fact]
    public async Task HeldCall_ApprovedOnTheConsolePage_Completes()
    {
        var marker = "page-" + RandomTokens.Create(4);
        var token = fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var call = CallAsync(token, new { id = "n1", text = marker });
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var html = await (await browser.Http.GetAsync(fixture.Issuer + "/approvals")).Content.ReadAsStringAsync();
        var decided = await PostDecisionAsync(browser, html, "Approve", pending.Id);
        var answer = await call;

        Assert.Contains("write_note", html, StringComparison.Ordinal);
        Assert.Contains(marker, html, StringComparison.Ordinal);
        Assert.Contains("Why you are asked: every call of this tool needs your approval.", html, StringComparison.Ordinal);
        Assert.Equal("tool requires approval", pending.Reason);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.False(answer.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean());
        Assert.Contains("wrote n1: " + marker, answer.GetProperty("result").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, fixture.Stateless.Recorder.Requests.Count(r => r.Body.Contains(marker, StringComparison.Ordinal)));
        Assert.Equal(ApprovalStatus.Consumed, (await fixture.Approvals.FindAsync(pending.Id, CancellationToken.None))!.Status);
        var events = await fixture.Audit.WaitForAsync(Jti(token), 2);
        Assert.Contains(events, e => e.Kind == GatewayAudit.Kind && e.Decision == "held" && e.Reason == $"tool requires approval: held for approval {pending.Id}");
        Assert.Contains(events, e => e.Kind == GatewayAudit.Kind && e.Decision == "allow" && e.Reason!.Contains($"approved: approval {pending.Id}", StringComparison.Ordinal));
        Assert.Contains(fixture.Audit.Events, e => e.Kind == ApprovalEvents.Consumed && e.Reason == $"approval {pending.Id} used");
    }

    [Fact]
    public async Task HeldCall_Denied_IsAToolError_AndNeverReachesTheUpstream()
    {
        var marker = "deny-" + RandomTokens.Create(4);
        var token = fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var call = CallAsync(token, new { id = "n1", text = marker });
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));

        Assert.True(await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: false, subject: null, CancellationToken.None));
        var result = (await call).GetProperty("result");

        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("denied", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var meta = result.GetProperty("_meta").GetProperty(HeldCallMessages.MetaKey);
        Assert.Equal(pending.Id, meta.GetProperty("id").GetString());
        Assert.Equal("denied", meta.GetProperty("status").GetString());
        Assert.DoesNotContain(fixture.Stateless.Recorder.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        var events = await fixture.Audit.WaitForAsync(Jti(token), 2);
        Assert.Contains(events, e => e.Decision == "deny" && e.Reason == $"approval {pending.Id} denied");
    }

    [Fact]
    public async Task AnApproval_IsNotReused_ForASecondIdenticalCall_NorForOtherArguments()
    {
        var marker = "once-" + RandomTokens.Create(4);
        var token = fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var first = CallAsync(token, new { id = "n1", text = marker });
        var firstRequest = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));
        var other = CallAsync(token, new { id = "n1", text = marker + "-other" });
        var otherRequest = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker + "-other", StringComparison.Ordinal));

        await fixture.Approvals.DecideAsync(firstRequest.Id, "cli", approve: true, subject: null, CancellationToken.None);
        await first;
        var second = CallAsync(token, new { id = "n1", text = marker });
        var secondRequest = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal) && p.Id != firstRequest.Id && p.Id != otherRequest.Id);

        Assert.NotEqual(firstRequest.ArgumentsDigest, otherRequest.ArgumentsDigest);
        Assert.Equal(firstRequest.ArgumentsDigest, secondRequest.ArgumentsDigest);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.Approvals.FindAsync(otherRequest.Id, CancellationToken.None))!.Status);
        Assert.False(await fixture.Approvals.ConsumeAsync(firstRequest.Id, CancellationToken.None));
        Assert.Equal(1, fixture.Stateless.Recorder.Requests.Count(r => r.Body.Contains(marker, StringComparison.Ordinal)));
        await fixture.Approvals.DecideAsync(otherRequest.Id, "cli", approve: false, subject: null, CancellationToken.None);
        await fixture.Approvals.DecideAsync(secondRequest.Id, "cli", approve: false, subject: null, CancellationToken.None);
        Assert.True((await other).GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.True((await second).GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal(1, fixture.Stateless.Recorder.Requests.Count(r => r.Body.Contains(marker, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithAProgressToken_TheWaitIsStreamed_AndTheResultIsTheLastEvent()
    {
        var marker = "progress-" + RandomTokens.Create(4);
        var token = fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 7, method = "tools/call", @params = new { name = "write_note", arguments = new { id = "n1", text = marker }, _meta = new { progressToken = "p-1" } } });
        using var response = await McpHttp.PostAsync(fixture.Endpoint("gated"), token, body);
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var messages = await McpHttp.MessagesAsync(response);

        var progress = messages.First();
        Assert.Equal("notifications/progress", progress.GetProperty("method").GetString());
        Assert.Equal("p-1", progress.GetProperty("params").GetProperty("progressToken").GetString());
        Assert.Equal(pending.Id, progress.GetProperty("params").GetProperty("_meta").GetProperty(HeldCallMessages.MetaKey).GetProperty("id").GetString());
        var last = messages.Last();
        Assert.Equal(7, last.GetProperty("id").GetInt32());
        Assert.Contains("wrote n1: " + marker, last.GetProperty("result").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateThenEgress_IsHeld_AndCompletesOnApproval()
    {
        var token = fixture.Token("mailbox", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var marker = "egress-" + RandomTokens.Create(4);
        Assert.Null((await DataFlowCalls.CallAsync(fixture, token, "read_note", new { id = "n1" })).ErrorCode);

        var call = CallAsync(token, new { id = "n1", text = marker }, "mailbox");
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));
        await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var result = (await call).GetProperty("result");

        Assert.Contains("wrote n1: " + marker, result.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("mailbox", pending.Upstream);
        var events = await fixture.Audit.WaitForAsync(Jti(token), 3);
        Assert.Contains(events, e => e.Decision == "held" && e.Reason == $"egress after private data requires approval: held for approval {pending.Id}");
    }

    [Fact]
    public async Task InABatch_ACallNeedingApproval_IsRefused_NotHeld()
    {
        var token = fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;
        var batch = "[" + McpHttp.Call(1, "write_note", new { id = "n1", text = "batched" }) + "," + McpHttp.Call(2, "read_note", new { id = "n1" }) + "]";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("gated"), token, batch);
        var messages = await McpHttp.MessagesAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayErrorCodes.ApprovalNotPossible, messages[0].GetProperty("error").GetProperty("code").GetInt32());
        Assert.DoesNotContain(await fixture.Approvals.ListPendingAsync(fixture.AliceId, CancellationToken.None), p => p.ArgumentsPreview?.Contains("batched", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task DestructiveTool_UnderRequireApprovalForDestructive_IsHeld_AndADecisionMadeElsewhereIsSeen()
    {
        var token = fixture.Token("stateless", "mcp:destructive", subject: fixture.AliceId).Token;
        var marker = "gone-" + RandomTokens.Create(4);
        var sending = McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.Call(1, "delete_note", new { id = marker }));
        var pending = await fixture.PendingAsync("delete_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));

        // Straight to the store, as the CLI (another process) decides: no in-process signal wakes the gateway.
        Assert.True(await fixture.Approvals.Store.DecideAsync(pending.Id, "cli", approve: true, subject: null, DateTimeOffset.UtcNow, CancellationToken.None));
        using var response = await sending;
        var answer = await McpHttp.ResponseAsync(response, 1);

        Assert.Contains("deleted " + marker, answer.GetProperty("result").GetRawText(), StringComparison.Ordinal);
        var events = await fixture.Audit.WaitForAsync(Jti(token), 2);
        Assert.Contains(events, e => e.Decision == "held" && e.Reason == $"destructive tool requires approval: held for approval {pending.Id}");
    }

    [Fact]
    public async Task AHeldMandateCall_IsCountedWhenApproved_AndRefusedIfTheLimitWasReachedWhileItWaited()
    {
        var token = fixture.MandateToken("gated", fixture.Details("gated", maxWrites: 1)).Token;
        var first = CallAsync(token, new { id = "n1", text = "first" });
        var firstRequest = await fixture.PendingAsync("write_note", p => p.Subject != fixture.AliceId && p.ArgumentsPreview == """{"id":"n1","text":"first"}""", anyone: true);
        var second = CallAsync(token, new { id = "n1", text = "second" });
        var secondRequest = await fixture.PendingAsync("write_note", p => p.Subject == firstRequest.Subject && p.ArgumentsPreview == """{"id":"n1","text":"second"}""", anyone: true);

        await fixture.Approvals.DecideAsync(firstRequest.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var firstAnswer = await first;
        await fixture.Approvals.DecideAsync(secondRequest.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var secondAnswer = await second;

        Assert.Contains("wrote n1: first", firstAnswer.GetProperty("result").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(GatewayErrorCodes.MandateRefused, secondAnswer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("call limit 1 reached", secondAnswer.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> CallAsync(string token, object arguments, string upstream = "gated")
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint(upstream), token, McpHttp.Call(1, "write_note", arguments));
        return await McpHttp.ResponseAsync(response, 1);
    }

    private static string Jti(string token) => CompactJws.TryParse(token)!.GetClaim("jti")!;

    private async Task<HttpResponseMessage> PostDecisionAsync(BrowserSession browser, string html, string handler, string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"");
        var fields = new Dictionary<string, string> { ["id"] = id, ["__RequestVerificationToken"] = match.Groups["v"].Value };
        return await browser.Http.PostAsync(fixture.Issuer + "/approvals?handler=" + handler, new FormUrlEncodedContent(fields));
    }
}
