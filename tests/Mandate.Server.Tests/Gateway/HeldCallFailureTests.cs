using System.Net;
using System.Text.Json;
using Mandate.Core.Approvals;
using Mandate.Core.Security;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// A held call when the ledger or a store fails, at each step: asking for the approval, recording the hold, waiting,
/// counting the approved call against its mandate, recording it as allowed. Whatever fails, the call never reaches the
/// upstream, the client gets a 503 JSON-RPC error saying so, and a count taken is given back.
/// </summary>
public sealed class HeldCallFailureTests(FaultyStoresFixture fixture) : IClassFixture<FaultyStoresFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Faults.ApprovalCreateFails = fixture.Faults.ApprovalReadFails = fixture.Faults.CounterFails = fixture.Faults.UncountFails = false;
        fixture.Audit.Failing = false;
        fixture.Audit.FailWhen = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheApprovalRequestCannotBeStored_TheCallIsNotMade()
    {
        var marker = Marker();
        fixture.Faults.ApprovalCreateFails = true;

        var (status, answer) = await CallAsync(AliceToken(), marker);

        AssertUnavailable(status, answer, "the approval this call needs could not be asked for");
        AssertNeverForwarded(marker);
    }

    [Fact]
    public async Task TheLedgerIsDownWhenTheCallWouldBeHeld_NobodyIsAsked_AndTheCallIsNotMade()
    {
        // The approval request is stored, but its approval.requested event cannot be recorded.
        var marker = Marker();
        fixture.Audit.Failing = true;

        var (status, answer) = await CallAsync(AliceToken(), marker);
        fixture.Audit.Failing = false;

        AssertUnavailable(status, answer, "the approval this call needs could not be asked for");
        AssertNeverForwarded(marker);
        await AssertNobodyIsAskedAsync(marker);
    }

    [Fact]
    public async Task TheHoldCannotBeRecorded_NobodyIsAsked_AndTheCallIsNotMade()
    {
        var marker = Marker();
        var token = AliceToken();
        fixture.Audit.FailWhen = e => e.Kind == GatewayAudit.Kind && e.Decision == GatewayAudit.Held && e.TokenId == Jti(token);

        var (status, answer) = await CallAsync(token, marker);
        fixture.Audit.FailWhen = null;

        AssertUnavailable(status, answer, "the call could not be recorded");
        AssertNeverForwarded(marker);
        await AssertNobodyIsAskedAsync(marker);
    }

    [Fact]
    public async Task TheApprovalStoreFailsWhileTheCallWaits_TheCallIsNotMade()
    {
        var marker = Marker();
        var call = CallAsync(AliceToken(), marker);
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal));

        fixture.Faults.ApprovalReadFails = true;
        var (status, answer) = await call;
        fixture.Faults.ApprovalReadFails = false;

        AssertUnavailable(status, answer, "the approval of this call could not be read");
        AssertNeverForwarded(marker);
        Assert.Contains(fixture.Audit.Events, e => e.Decision == "deny" && e.Reason == $"approval {pending.Id}: the approval store failed while the call was held");
    }

    [Fact]
    public async Task TheMandateCounterFailsOnceApproved_TheCallIsNotMade()
    {
        var marker = Marker();
        var token = fixture.MandateToken("gated", fixture.Details("gated", maxWrites: 1)).Token;
        var call = CallAsync(token, marker);
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal), anyone: true);

        fixture.Faults.CounterFails = true;
        await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var (status, answer) = await call;

        AssertUnavailable(status, answer, "the call could not be counted against its mandate");
        AssertNeverForwarded(marker);
        var events = await fixture.Audit.WaitForAsync(Jti(token), 2);
        Assert.Contains(events, e => e.Decision == "deny" && e.Reason == $"approval {pending.Id} used, but the mandate's counters could not be written");
    }

    [Fact]
    public async Task TheLedgerFailsOnceApproved_TheCallIsNotMade_AndItsCountIsGivenBack()
    {
        var marker = Marker();
        var token = fixture.MandateToken("gated", fixture.Details("gated", maxWrites: 1)).Token;
        var call = CallAsync(token, marker);
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal), anyone: true);

        fixture.Audit.FailWhen = e => e.Kind == GatewayAudit.Kind && e.Decision == GatewayAudit.Allow && e.TokenId == Jti(token);
        await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var (status, answer) = await call;
        fixture.Audit.FailWhen = null;

        AssertUnavailable(status, answer, "the call could not be recorded");
        AssertNeverForwarded(marker);

        // max_calls is 1 and the failed call gave its count back: the next approved call is made.
        var again = Marker();
        var retry = CallAsync(token, again);
        var second = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(again, StringComparison.Ordinal), anyone: true);
        await fixture.Approvals.DecideAsync(second.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var (retryStatus, retryAnswer) = await retry;
        Assert.Equal(HttpStatusCode.OK, retryStatus);
        Assert.Contains("wrote n1: " + again, retryAnswer.GetProperty("result").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Consumed, (await fixture.Approvals.FindAsync(pending.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TheLedgerAndThenTheCounterFailOnceApproved_TheCallIsNotMade_AndTheClientStillGetsA503()
    {
        // The allowed call cannot be recorded, and giving its count back fails too: the count stays taken (the safe side).
        var marker = Marker();
        var token = fixture.MandateToken("gated", fixture.Details("gated", maxWrites: 2)).Token;
        var call = CallAsync(token, marker);
        var pending = await fixture.PendingAsync("write_note", p => p.ArgumentsPreview!.Contains(marker, StringComparison.Ordinal), anyone: true);

        fixture.Audit.FailWhen = e => e.Kind == GatewayAudit.Kind && e.Decision == GatewayAudit.Allow && e.TokenId == Jti(token);
        fixture.Faults.UncountFails = true;
        await fixture.Approvals.DecideAsync(pending.Id, "cli", approve: true, subject: null, CancellationToken.None);
        var (status, answer) = await call;

        AssertUnavailable(status, answer, "the call could not be recorded");
        AssertNeverForwarded(marker);
    }

    private string AliceToken() => fixture.Token("gated", "mcp:read mcp:write", subject: fixture.AliceId).Token;

    private static string Marker() => "fault-" + RandomTokens.Create(4);

    private async Task<(HttpStatusCode Status, JsonElement Answer)> CallAsync(string token, string marker)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("gated"), token, McpHttp.Call(1, "write_note", new { id = "n1", text = marker }));
        return (response.StatusCode, await McpHttp.ResponseAsync(response, 1));
    }

    private static void AssertUnavailable(HttpStatusCode status, JsonElement answer, string why)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var error = answer.GetProperty("error");
        Assert.Equal(GatewayErrorCodes.AuditUnavailable, error.GetProperty("code").GetInt32());
        Assert.Contains(why, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not made", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task AssertNobodyIsAskedAsync(string marker)
    {
        var pending = await fixture.Approvals.ListPendingAsync(null, CancellationToken.None);
        Assert.DoesNotContain(pending, p => p.ArgumentsPreview?.Contains(marker, StringComparison.Ordinal) == true);
    }

    private void AssertNeverForwarded(string marker) =>
        Assert.DoesNotContain(fixture.Stateless.Recorder.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));

    private static string Jti(string token) => CompactJws.TryParse(token)!.GetClaim("jti")!;
}
