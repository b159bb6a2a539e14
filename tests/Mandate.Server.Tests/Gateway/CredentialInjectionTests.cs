using System.Net;
using System.Text.Json;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Upstreams added with --credential: the person's credential from the vault goes on the upstream request (and only
/// there), each use is a vault.inject ledger event, and a missing connection sends the client to the Connections page.
/// </summary>
public sealed class CredentialInjectionTests(InjectionFixture fixture) : IClassFixture<InjectionFixture>
{
    private const string AllScopes = "mcp:read mcp:write mcp:destructive";
    private const string Ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}";

    [Fact]
    public async Task Bearer_ReplacesAuthorization_OnTheUpstreamRequestOnly_AndIsAudited()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "svc-token-" + subject);
        var (seen, body) = await CallAsync("inject-bearer", subject);

        Assert.Equal("Bearer svc-token-" + subject, seen.Header("Authorization"));
        Assert.DoesNotContain("svc-token-", body, StringComparison.Ordinal);
        var injection = Assert.Single(fixture.Audit.Events, e => e.Kind == "vault.inject" && e.Subject == subject);
        Assert.Equal(("allow", "connector:svc", "inject-bearer", "tools/call", "read_it"), (injection.Decision, injection.Resource, injection.Upstream, injection.Method, injection.Tool));
        Assert.DoesNotContain(fixture.Audit.Events, e => JsonSerializer.Serialize(e).Contains("svc-token-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProviderTokenType_IsTheScheme()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "mac-value", tokenType: "MAC");

        var (seen, _) = await CallAsync("inject-bearer", subject);

        Assert.Equal("MAC mac-value", seen.Header("Authorization"));
    }

    [Fact]
    public async Task Header_ReplacesTheConfiguredHeaderOfThatName()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "key-" + subject);

        var (seen, _) = await CallAsync("inject-header", subject);

        Assert.Equal("key-" + subject, seen.Header("X-Service-Key"));
        Assert.Null(seen.Header("Authorization"));
    }

    [Fact]
    public async Task Query_ReplacesTheParameter_AndKeepsTheOthers()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "k&y=" + subject);
        string? query = null;
        fixture.Raw.Handler = context =>
        {
            query = context.Request.QueryString.Value;
            return ToolsListFilterTests.JsonAsync(context, Ok);
        };
        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-query"), fixture.Token("inject-query", AllScopes, subject).Token, McpHttp.Call(1, "read_it"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("?region=eu&key=" + Uri.EscapeDataString("k&y=" + subject), query);
    }

    [Fact]
    public async Task NotConnected_ToolCallIsAToolError_OtherRequestsAnError_NothingForwarded()
    {
        var subject = NewSubject();
        var before = fixture.Raw.Recorder.Requests.Count;
        var batch = "[" + McpHttp.Call(1, "read_it") + "," + McpHttp.Message(2, "ping") + "," + McpHttp.Notification("notifications/progress") + "]";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), fixture.Token("inject-bearer", AllScopes, subject).Token, batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = FakeCredentialBroker.ConnectUrlBase + InjectionFixture.Connector;
        var tool = await McpHttp.ResponseAsync(response, 1);
        Assert.True(tool.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains(url, tool.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Raw.Recorder.Requests.Count);
        var outcome = Assert.Single(fixture.Audit.Events, e => e.Kind == "gateway.outcome" && e.Subject == subject && e.Method == "tools/call");
        Assert.Equal(("error", "connection needed: svc"), (outcome.Decision, outcome.Reason));
        Assert.Equal("not connected", Assert.Single(fixture.Audit.Events, e => e.Kind == "vault.inject" && e.Subject == subject).Reason);
    }

    [Fact]
    public async Task NotConnected_PingGetsTheGatewaysErrorWithTheUrl()
    {
        var subject = NewSubject();

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), fixture.Token("inject-bearer", AllScopes, subject).Token, McpHttp.Message(2, "ping"));

        var error = (await McpHttp.ResponseAsync(response, 2)).GetProperty("error");
        Assert.Equal(-32065, error.GetProperty("code").GetInt32());
        Assert.Equal(FakeCredentialBroker.ConnectUrlBase + "svc", error.GetProperty("data").GetProperty("url").GetString());
        Assert.Equal("not_connected", error.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReconnectNeeded_InASessionThatDeclaredUrlElicitation_IsUrlElicitationRequired()
    {
        var subject = NewSubject();
        var clientId = "client_" + subject;
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "tok-" + subject);
        fixture.Raw.Handler = async context =>
        {
            context.Response.Headers["Mcp-Session-Id"] = "up-" + subject;
            await ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}");
        };
        var token = fixture.Token("inject-bearer", AllScopes, subject, clientId).Token;
        var initialize = McpHttp.Message(0, "initialize", new { protocolVersion = McpHttp.ProtocolVersion, capabilities = new { elicitation = new { form = new { }, url = new { } } }, clientInfo = new { name = "t", version = "1" } });
        using var initialized = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), token, initialize);
        var sessionId = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        fixture.Broker.Set(subject, InjectionFixture.Connector, CredentialResult.ReconnectNeeded(FakeCredentialBroker.ConnectUrlBase + "svc", "invalid_grant"));

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), token, McpHttp.Call(1, "read_it"), sessionId);

        var error = (await McpHttp.ResponseAsync(response, 1)).GetProperty("error");
        Assert.Equal(-32042, error.GetProperty("code").GetInt32());
        var elicitation = Assert.Single(error.GetProperty("data").GetProperty("elicitations").EnumerateArray());
        Assert.Equal("url", elicitation.GetProperty("mode").GetString());
        Assert.Equal(FakeCredentialBroker.ConnectUrlBase + "svc", elicitation.GetProperty("url").GetString());
        Assert.Contains("renewed", elicitation.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("invalid_grant", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderUnreachable_Is503()
    {
        var subject = NewSubject();
        fixture.Broker.Set(subject, InjectionFixture.Connector, CredentialResult.Unavailable("the provider could not be reached"));

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), fixture.Token("inject-bearer", AllScopes, subject).Token, McpHttp.Call(1, "read_it"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(-32066, await McpHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task UpstreamRefusingTheCredential_Is502_AndDropsTheCachedCopy()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, InjectionFixture.Connector, "stale-" + subject);
        var cache = fixture.Server.Services.GetRequiredService<CredentialMemoryCache>();
        var cached = new BrokeredCredential(InjectionFixture.Connector, Core.Vault.Connectors.ConnectorKind.OAuth, "stale-" + subject, "Bearer", null);
        cache.Set(subject, InjectionFixture.Connector, cached, DateTimeOffset.MaxValue);
        fixture.Raw.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), fixture.Token("inject-bearer", AllScopes, subject).Token, McpHttp.Call(1, "read_it"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("stale-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(cache.Get(subject, InjectionFixture.Connector, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task UpstreamsWithoutCredential_AskTheVaultNothing()
    {
        var subject = NewSubject();

        var (seen, _) = await CallAsync("raw", subject);

        Assert.Null(seen.Header("Authorization"));
        Assert.DoesNotContain(fixture.Audit.Events, e => e.Kind == "vault.inject" && e.Subject == subject);
    }

    [Fact]
    public async Task DpopBoundProviderToken_GoesWithAProofOfTheConnectionsKey_AndTheUpstreamsNonce()
    {
        var subject = NewSubject();
        using var key = ProviderDpopKey.Create();
        var token = "dpop-token-" + subject;
        fixture.Broker.Set(subject, InjectionFixture.Connector, CredentialResult.Available(
            new BrokeredCredential(InjectionFixture.Connector, Core.Vault.Connectors.ConnectorKind.OAuth, token, "DPoP", null) { DpopKey = ProviderDpopKey.ToPrivateJwk(key) }));
        var validator = new DpopProofValidator();
        var results = new List<DpopProofResult>();
        fixture.Raw.Handler = context =>
        {
            // A resource server that wants its own nonce (RFC 9449 §9): refused once, then accepted with it.
            var result = validator.Validate(context.Request.Headers["DPoP"].ToString(), new DpopProofContext("POST", fixture.Raw.Url) { AccessToken = token, AcceptedNonces = ["rs-nonce-1"] }, DateTimeOffset.UtcNow);
            results.Add(result);
            context.Response.Headers["DPoP-Nonce"] = "rs-nonce-1";
            if (!result.IsValid || context.Request.Headers.Authorization != "DPoP " + token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "DPoP error=\"use_dpop_nonce\"";
                return Task.CompletedTask;
            }

            return ToolsListFilterTests.JsonAsync(context, Ok);
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("inject-bearer"), fixture.Token("inject-bearer", AllScopes, subject).Token, McpHttp.Call(1, "read_it"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsNonceFailure);
        Assert.True(results[1].IsValid);
        Assert.Equal(JwkThumbprint.Compute(key), results[1].Thumbprint);
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string NewSubject() => "usr_" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(RecordedRequest Seen, string Body)> CallAsync(string upstream, string subject)
    {
        fixture.Raw.Handler = context => ToolsListFilterTests.JsonAsync(context, Ok);
        var token = fixture.Token(upstream, AllScopes, subject).Token;
        using var response = await McpHttp.PostAsync(fixture.Endpoint(upstream), token, McpHttp.Call(1, "read_it"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var seen = fixture.Raw.Recorder.Requests[^1];
        Assert.DoesNotContain(seen.Headers.Values, v => v.Contains(token, StringComparison.Ordinal));
        return (seen, body);
    }
}
