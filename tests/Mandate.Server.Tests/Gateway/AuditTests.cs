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
    public async Task RecordArguments_KeepsTheArguments_RedactedInTheEntry_OnlyForThatUpstream()
    {
        const string Secret = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var arguments = new { id = "n-7", note = "token " + Secret };
        var recordedToken = fixture.Token("recorded");
        var plainToken = fixture.Token("stateless");

        using (var response = await McpHttp.PostAsync(fixture.Endpoint("recorded"), recordedToken.Token, McpHttp.Call(1, "read_note", arguments)))
        {
            _ = await McpHttp.MessagesAsync(response);
        }

        using (var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), plainToken.Token, McpHttp.Call(1, "read_note", arguments)))
        {
            _ = await McpHttp.MessagesAsync(response);
        }

        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(recordedToken.TokenId));
        var plain = Assert.Single(await fixture.Audit.WaitForAsync(plainToken.TokenId));
        Assert.Contains("n-7", recorded.Arguments, StringComparison.Ordinal);
        Assert.Null(plain.Arguments);
        Assert.Null(Assert.Single(await fixture.Audit.WaitForOutcomesAsync(recordedToken.TokenId)).Arguments);
        var entry = Encoding.UTF8.GetString(Core.Ledger.Entries.LedgerEntryWriter.Prepare(recorded).Entry);
        Assert.Contains("n-7", entry, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, entry, StringComparison.Ordinal);
    }

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
        Assert.Null(recorded.UpstreamStatus);
        Assert.Contains("read", recorded.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(recorded.CorrelationId));

        // How it went is a second event, naming the first.
        var callId = Assert.Single(fixture.Audit.IdsFor(issued.TokenId));
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(issued.TokenId));
        Assert.Equal(("allow", 200, callId, "read_note"), (outcome.Decision, outcome.UpstreamStatus, outcome.RelatesTo, outcome.Tool));
        Assert.True(outcome.LatencyMs > 0);
        Assert.Equal(callId.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Mandate-Audit-Id").Single());
    }

    [Fact]
    public async Task RefusalsBeforeAnyoneIsIdentified_AreRecorded_ButABareDiscoveryRequestIsNot()
    {
        var name = "refusals-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.AddUpstreamAsync(name, fixture.Stateless.Url, trusted: true);

        using var bare = await McpHttp.PostAsync(fixture.Endpoint(name), null, McpHttp.ListTools(1));
        using var garbage = await McpHttp.PostAsync(fixture.Endpoint(name), "not-a-valid-token", McpHttp.ListTools(1));
        using var wrongAudience = await McpHttp.PostAsync(fixture.Endpoint(name), fixture.Token("stateless").Token, McpHttp.ListTools(1));
        using var foreign = await McpHttp.PostAsync(fixture.Endpoint(name), fixture.Token(name).Token, McpHttp.ListTools(1), null, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(bare.Headers.Contains("Mandate-Audit-Id"));
        Assert.All(new[] { garbage, wrongAudience, foreign }, r => Assert.Single(r.Headers.GetValues("Mandate-Audit-Id")));
        var refused = fixture.Audit.Events.Where(e => e.Upstream == name).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, e => Assert.Equal(("gateway.refused", "deny", "127.0.0.1"), (e.Kind, e.Decision, e.SourceAddress)));
        Assert.Equal(["invalid_token", "invalid_token", "origin not allowed"], refused.Select(e => e.Reason));
        Assert.All(refused, e => Assert.Null(e.TokenId));
    }

    [Fact]
    public async Task AllowedCall_CarriesTheCallersAddress()
    {
        var issued = fixture.Token("stateless", "mcp:read");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Call(1, "read_note", new { id = "n1" }));
        _ = await McpHttp.MessagesAsync(response);

        Assert.Equal("127.0.0.1", Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId)).SourceAddress);
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
        Assert.Equal("allow", Assert.Single(fixture.Audit.For(issued.TokenId)).Decision);
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(issued.TokenId));
        Assert.Equal("error", outcome.Decision);
        Assert.Equal("upstream unreachable", outcome.Reason);
        Assert.Equal(fixture.Audit.IdsFor(issued.TokenId).Single().ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Mandate-Audit-Id").Single());
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
    public async Task RefusedTokens_AreNotRecordedInAnyEvent_NorAreAcceptedOnes()
    {
        const string Garbage = "garbage-token-value";
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), Garbage, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(fixture.Audit.Events, e => e.ToString().Contains(Garbage, StringComparison.Ordinal));
        var issued = fixture.Token("stateless");
        using var allowed = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.ListTools(1));
        _ = await allowed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(fixture.Audit.Events, e => e.ToString().Contains(issued.Token, StringComparison.Ordinal));
    }
}
