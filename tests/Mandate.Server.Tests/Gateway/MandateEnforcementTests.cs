using System.Net;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Protocol.Jose;
using Mandate.Server.Gateway.Mcp;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.OAuth.Par;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Mandates enforced call by call through the gateway in front of a real MCP upstream: granted through /authorize and
/// through PAR, narrowed by token exchange, counted per grant across refreshes and sub-agents, exactly once under
/// concurrency, and each refusal says which limit and is audited.
/// </summary>
public sealed class MandateEnforcementTests(MandateGatewayFixture fixture) : IClassFixture<MandateGatewayFixture>
{
    [Fact]
    public async Task AMandateFromAuthorize_IsEnforcedCallByCall_AndRefreshKeepsTheCount()
    {
        var tokens = await fixture.AuthorizeAsync("stateless", fixture.Details("stateless", maxWrites: 2));
        var token = tokens.GetProperty("access_token").GetString()!;
        Assert.False(tokens.TryGetProperty("scope", out _));

        Assert.Equal(["read_note", "write_note"], (await ListAsync(token)).Order(StringComparer.Ordinal));
        Assert.Equal("note n7", await TextAsync(await CallAsync(token, "read_note", new { id = "n7" })));
        await AssertRefusedAsync(await CallAsync(token, "write_note", new { id = "n1", text = "far too long for the schema" }), "argument 'text' fails constraint 'maxLength'");
        await AssertRefusedAsync(await CallAsync(token, "write_note", new { id = "n2", text = "x" }), "argument 'id' fails constraint 'const'");
        await AssertRefusedAsync(await CallAsync(token, "delete_note", new { id = "n1" }), "tool not in mandate");
        Assert.Equal("wrote n1: one", await TextAsync(await CallAsync(token, "write_note", new { id = "n1", text = "one" })));

        // A refresh is the same grant: its token shares the count.
        var refreshed = await fixture.PostTokenAsync(fixture.Orchestrator, ("grant_type", GrantTypes.RefreshToken), ("refresh_token", tokens.GetProperty("refresh_token").GetString()!));
        var second = refreshed.GetProperty("access_token").GetString()!;
        Assert.Equal("wrote n1: two", await TextAsync(await CallAsync(second, "write_note", new { id = "n1", text = "two" })));
        await AssertRefusedAsync(await CallAsync(second, "write_note", new { id = "n1", text = "three" }), "call limit 2 reached");
        await AssertRefusedAsync(await CallAsync(token, "write_note", new { id = "n1", text = "three" }), "call limit 2 reached");

        var jti = CompactJws.TryParse(second)!.GetClaim("jti")!;
        var events = await fixture.Audit.WaitForAsync(jti, 2);
        Assert.Contains(events, e => e.Decision == "allow" && e.Tool == "write_note");
        Assert.Contains(events, e => e.Decision == "deny" && e.Reason == "mandate: call limit 2 reached");
        Assert.DoesNotContain(fixture.Audit.Events, e => e.Reason?.Contains("far too long", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AMandateFromPar_IsEnforced()
    {
        var pkce = PkcePair.Create();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, fixture.Orchestrator.Client.ClientId, fixture.Orchestrator.Secret,
        [
            ("response_type", "code"), ("client_id", fixture.Orchestrator.Client.ClientId), ("redirect_uri", TestFlow.Redirect),
            ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"), ("resource", fixture.ResourceUri("stateless")), ("state", "par"),
            ("authorization_details", fixture.Details("stateless", maxWrites: 1)),
        ]);
        var code = await TestFlow.GetCodeAsync(fixture.Browser, ParHttp.AuthorizeUrl(fixture.Issuer, fixture.Orchestrator.Client.ClientId, requestUri));
        var token = (await fixture.RedeemAsync(code, pkce)).GetProperty("access_token").GetString()!;

        Assert.Equal("wrote n1: pushed", await TextAsync(await CallAsync(token, "write_note", new { id = "n1", text = "pushed" })));
        await AssertRefusedAsync(await CallAsync(token, "write_note", new { id = "n1", text = "again" }), "call limit 1 reached");
        await AssertRefusedAsync(await CallAsync(token, "slow_count", new { steps = 1, delayMs = 1 }), "tool not in mandate");
    }

    [Fact]
    public async Task SubAgents_CountAgainstTheirOwnNarrowerMandate_AndCannotPassTheParentsCount()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var parent = (await fixture.AuthorizeAsync("stateless", fixture.Details("stateless", maxWrites: 3, expiresAt: expiresAt))).GetProperty("access_token").GetString()!;
        var narrower = fixture.Details("stateless", tools: $$"""{"name":"write_note","arguments":{{MandateGatewayFixture.NoteSchema}},"max_calls":2}""", expiresAt: expiresAt - 60);
        var first = await ExchangeAsync(parent, narrower);
        var second = await ExchangeAsync(parent, narrower);

        Assert.Equal(["write_note"], await ListAsync(first));
        Assert.Equal("wrote n1: a1", await TextAsync(await CallAsync(first, "write_note", new { id = "n1", text = "a1" })));
        Assert.Equal("wrote n1: a2", await TextAsync(await CallAsync(first, "write_note", new { id = "n1", text = "a2" })));
        await AssertRefusedAsync(await CallAsync(first, "write_note", new { id = "n1", text = "a3" }), "call limit 2 reached");
        await AssertRefusedAsync(await CallAsync(first, "read_note", new { id = "n1" }), "tool not in mandate");

        // The second sub-agent has two of its own, but the parent has one left.
        Assert.Equal("wrote n1: b1", await TextAsync(await CallAsync(second, "write_note", new { id = "n1", text = "b1" })));
        await AssertRefusedAsync(await CallAsync(second, "write_note", new { id = "n1", text = "b2" }), "call limit 3 reached");
        await AssertRefusedAsync(await CallAsync(parent, "write_note", new { id = "n1", text = "p1" }), "call limit 3 reached");

        var chain = CompactJws.TryParse(second)!.Payload.GetProperty("mandate_grants");
        Assert.Equal(2, chain.GetArrayLength());
        Assert.Equal(3, chain[0].GetProperty("max_calls").GetProperty("write_note").GetInt32());
    }

    [Fact]
    public async Task ManyConcurrentCalls_ExactlyMaxCallsReachTheUpstream()
    {
        var token = fixture.MandateToken("stateless", fixture.Details("stateless", maxWrites: 4)).Token;

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            using var response = await CallAsync(token, "write_note", new { id = "n1", text = "c" + i });
            return (await McpHttp.ResponseAsync(response, 1)).Clone();
        })));

        Assert.Equal(4, answers.Count(a => a.TryGetProperty("result", out _)));
        Assert.Equal(12, answers.Count(a => a.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == GatewayErrorCodes.MandateRefused));
        var grant = CompactJws.TryParse(token)!.Payload.GetProperty("mandate_grants")[0].GetProperty("id").GetString()!;
        Assert.Equal(4, await fixture.Server.Services.GetRequiredService<IMandateCallCounter>().CountAsync(grant, "write_note", CancellationToken.None));
    }

    [Fact]
    public async Task ABatchPastTheLimit_IsRefusedWhole_AndCountsNothing()
    {
        var token = fixture.MandateToken("stateless", fixture.Details("stateless", maxWrites: 1)).Token;
        var batch = "[" + McpHttp.Call(1, "write_note", new { id = "n1", text = "a" }) + "," + McpHttp.Call(2, "write_note", new { id = "n1", text = "b" }) + "]";

        using var refused = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, batch);
        var errors = await McpHttp.MessagesAsync(refused);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(GatewayErrorCodes.MandateRefused, e.GetProperty("error").GetProperty("code").GetInt32()));
        Assert.All(errors, e => Assert.Contains("call limit 1 reached", e.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.Equal("wrote n1: single", await TextAsync(await CallAsync(token, "write_note", new { id = "n1", text = "single" })));
    }

    [Fact]
    public async Task ScopesDoNotWidenAMandate_AndAMandateDoesNotPassADeniedTool()
    {
        var details = fixture.Details("stateless", tools: """{"name":"read_note"},{"name":"purge_all"}""");
        var token = fixture.MandateToken("stateless", details, scope: "mcp:read mcp:write mcp:destructive").Token;

        await AssertRefusedAsync(await CallAsync(token, "delete_note", new { id = "n1" }), "tool not in mandate");
        using var denied = await CallAsync(token, "purge_all", new { });
        Assert.Equal(GatewayErrorCodes.ToolDenied, await McpHttp.ErrorCodeAsync(denied));
        Assert.Equal(["read_note"], await ListAsync(token));
    }

    [Fact]
    public async Task AToolCallWithoutArguments_IsCheckedAsEmptyArguments_NotRefusedAsNotJson()
    {
        // The schema allows {} (no required argument); a call that sends no "arguments" at all is checked as {}.
        var tools = """{"name":"read_note","arguments":{"type":"object","properties":{"id":{"type":"string"}}}}""";
        var token = fixture.MandateToken("stateless", fixture.Details("stateless", tools: tools)).Token;
        var withoutArguments = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read_note"}}""";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, withoutArguments);
        var answer = await McpHttp.ResponseAsync(response, 1);

        Assert.False(answer.TryGetProperty("error", out var error), "refused: " + error);
        await AssertRefusedAsync(await CallAsync(token, "read_note", new { id = 7 }), "argument 'id' fails constraint 'type'");
    }

    [Fact]
    public async Task AMandateGovernsOnlyItsLocations()
    {
        // A token for "mailbox" whose mandate names another location: the mandate has no say there, the scopes do.
        var details = fixture.Details("stateless");
        var mandate = Core.Mandates.MandateParser.Parse(details).Mandate!;
        var token = fixture.Server.Services.GetRequiredService<Core.Tokens.AccessTokenIssuer>().Issue(new Core.Tokens.AccessTokenRequest
        {
            Subject = "usr_x",
            ClientId = "client_x",
            Resource = fixture.ResourceUri("mailbox"),
            Scopes = ["mcp:read"],
            Mandate = mandate,
            MandateGrants = new Core.Mandates.MandateGrantChain([], "g-elsewhere"),
        }).Token;

        using var read = await CallAsync(token, "read_note", new { id = "n1" }, "mailbox");
        using var write = await CallAsync(token, "write_note", new { id = "n1", text = "x" }, "mailbox");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    private async Task<string> ExchangeAsync(string subject, string details)
    {
        var body = await fixture.PostTokenAsync(fixture.SubAgent,
            ("grant_type", GrantTypes.TokenExchange), ("subject_token", subject),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), ("authorization_details", details));
        return body.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> CallAsync(string token, string tool, object arguments, string upstream = "stateless") =>
        McpHttp.PostAsync(fixture.Endpoint(upstream), token, McpHttp.Call(1, tool, arguments));

    private async Task<List<string>> ListAsync(string token)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.ListTools(2));
        return await McpHttp.ToolNamesAsync(response, 2);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var answer = await McpHttp.ResponseAsync(response, 1);
            return answer.TryGetProperty("result", out var result)
                ? result.GetProperty("content")[0].GetProperty("text").GetString()!
                : throw new InvalidOperationException("Refused: " + answer);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string limit)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var error = (await McpHttp.ResponseAsync(response, 1)).GetProperty("error");
            Assert.Equal(GatewayErrorCodes.MandateRefused, error.GetProperty("code").GetInt32());
            Assert.Contains(limit, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }
}
