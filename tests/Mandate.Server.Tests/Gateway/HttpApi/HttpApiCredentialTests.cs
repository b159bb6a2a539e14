using System.Net;
using System.Text.Json;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Microsoft.AspNetCore.Http;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>HTTP upstreams added with --credential: the person's credential replaces the caller's Authorization on the upstream request only; a missing connection is a 403 problem naming the Connections page.</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiCredentialTests(HttpApiFixture fixture)
{
    [Fact]
    public async Task Bearer_ReplacesTheCallersAuthorization_AndIsAudited_NeverEchoed()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var subject = NewSubject();
        fixture.Broker.Connect(subject, HttpApiFixture.Connector, "svc-token-" + subject);
        var token = fixture.HttpToken("api-bearer", HttpApiFixture.AllScopes, subject);

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api-bearer") + "/items?x=1", token.Token, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Api.Requests[^1];
        Assert.Equal("Bearer svc-token-" + subject, seen.Header("Authorization"));
        Assert.DoesNotContain(seen.Headers.Values, v => v.Contains(token.Token, StringComparison.Ordinal));
        Assert.DoesNotContain("svc-token-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains("svc-token-", StringComparison.Ordinal)));
        var injection = Assert.Single(fixture.Audit.Events, e => e.Kind == "vault.inject" && e.Subject == subject);
        Assert.Equal(("allow", "connector:svc", "api-bearer", "POST", "/items?x"), (injection.Decision, injection.Resource, injection.Upstream, injection.Method, injection.Tool));
        Assert.DoesNotContain(fixture.Audit.Events, e => JsonSerializer.Serialize(e).Contains("svc-token-", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("svc-token-", StringComparison.Ordinal) || l.Contains(token.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_ReplacesTheCallersParameterOfThatName()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var subject = NewSubject();
        var secret = "k&y-" + subject;
        fixture.Broker.Connect(subject, HttpApiFixture.Connector, secret);

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-query") + "/x?key=callers&page=2", fixture.HttpToken("api-query", subject: subject).Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/base/x?page=2&key=" + Uri.EscapeDataString(secret), fixture.Api.Requests[^1].Target);

        // The upstream URL now holds the credential: no log line may (YARP logs the URLs it proxies to).
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal) || l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARedirectRepeatingTheQuery_DoesNotHandTheQueryCredentialToTheCaller()
    {
        var subject = NewSubject();
        var secret = "qkey-" + subject;
        fixture.Broker.Connect(subject, HttpApiFixture.Connector, secret);
        fixture.Api.Handler = context =>
        {
            // A redirect that keeps the query, as trailing-slash redirects do: inside the upstream, then elsewhere.
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = (context.Request.Path == "/base/in" ? fixture.Base + "/in/" : "https://elsewhere.example/x") + context.Request.QueryString;
            return Task.CompletedTask;
        };

        using var inside = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-query") + "/in?page=2", fixture.HttpToken("api-query", subject: subject).Token);
        using var outside = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-query") + "/out?page=2", fixture.HttpToken("api-query", subject: subject).Token);

        Assert.Equal(fixture.HttpEndpoint("api-query") + "/in/?page=2", inside.Headers.Location?.ToString());
        Assert.Equal("https://elsewhere.example/x?page=2", outside.Headers.Location?.ToString());
        Assert.Contains("key=", fixture.Api.Requests[^1].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotConnected_Is403ProblemJson_NamingTheConnectionsUrl_NothingForwarded()
    {
        var before = fixture.Api.Requests.Count;
        var subject = NewSubject();
        var token = fixture.HttpToken("api-bearer", subject: subject);

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-bearer") + "/items", token.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await HttpApiCalls.ProblemAsync(response);
        var url = FakeCredentialBroker.ConnectUrlBase + HttpApiFixture.Connector;
        Assert.Equal("urn:mandate:problem:connection-required", problem.GetProperty("type").GetString());
        Assert.Equal(url, problem.GetProperty("connect_url").GetString());
        Assert.Equal("not_connected", problem.GetProperty("connection_status").GetString());
        Assert.Contains(url, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("reconnect_url", out _));
        Assert.Equal(before, fixture.Api.Requests.Count);
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId));
        Assert.Equal(("error", "connection needed: svc"), (outcome.Decision, outcome.Reason));
        Assert.Equal(fixture.Audit.IdsFor(token.TokenId).Single(), HttpApiCalls.AuditId(response));
    }

    [Fact]
    public async Task ReconnectNeeded_NamesTheReconnectUrl_WithoutTheProvidersError()
    {
        var subject = NewSubject();
        fixture.Broker.Set(subject, HttpApiFixture.Connector, CredentialResult.ReconnectNeeded(FakeCredentialBroker.ConnectUrlBase + "svc", "invalid_grant"));

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-bearer") + "/items", fixture.HttpToken("api-bearer", subject: subject).Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await HttpApiCalls.ProblemAsync(response);
        Assert.Equal("reconnect_needed", problem.GetProperty("connection_status").GetString());
        Assert.Equal(FakeCredentialBroker.ConnectUrlBase + "svc", problem.GetProperty("reconnect_url").GetString());
        Assert.DoesNotContain("invalid_grant", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderUnreachable_Is503()
    {
        var subject = NewSubject();
        fixture.Broker.Set(subject, HttpApiFixture.Connector, CredentialResult.Unavailable("the provider could not be reached"));

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-bearer") + "/items", fixture.HttpToken("api-bearer", subject: subject).Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RefusedByTheStepUp_TheVaultIsNotAsked()
    {
        var subject = NewSubject();
        fixture.Broker.Connect(subject, HttpApiFixture.Connector, "unused");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Delete, fixture.HttpEndpoint("api-bearer") + "/items/1", fixture.HttpToken("api-bearer", subject: subject).Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(fixture.Audit.Events, e => e.Kind == "vault.inject" && e.Subject == subject);
    }

    [Fact]
    public async Task DpopBoundProviderToken_GoesWithAProofForTheUpstreamUrl_AndItsNonce()
    {
        var subject = NewSubject();
        using var key = ProviderDpopKey.Create();
        var token = "dpop-token-" + subject;
        fixture.Broker.Set(subject, HttpApiFixture.Connector, CredentialResult.Available(
            new BrokeredCredential(HttpApiFixture.Connector, Core.Vault.Connectors.ConnectorKind.OAuth, token, "DPoP", null) { DpopKey = ProviderDpopKey.ToPrivateJwk(key) }));
        var results = new List<DpopProofResult>();
        var nonce = "rs-nonce-" + subject;
        fixture.Api.Handler = context =>
        {
            // A resource server that wants its own nonce (RFC 9449 §9), checking the proof against the URL it was sent to.
            var url = fixture.Api.Origin + context.Request.Path;
            var result = new DpopProofValidator().Validate(context.Request.Headers["DPoP"].ToString(), new DpopProofContext(context.Request.Method, url) { AccessToken = token, AcceptedNonces = [nonce] }, DateTimeOffset.UtcNow);
            results.Add(result);
            context.Response.Headers["DPoP-Nonce"] = nonce;
            if (!result.IsValid || context.Request.Headers.Authorization != "DPoP " + token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("ok");
        };
        var mandateToken = fixture.HttpToken("api-bearer", HttpApiFixture.AllScopes, subject).Token;

        using var get = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-bearer") + "/dpop?x=1", mandateToken);
        using var post = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api-bearer") + "/dpop", mandateToken, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsNonceFailure);
        Assert.True(results[1].IsValid);
        Assert.True(results[2].IsValid);
        Assert.Equal(JwkThumbprint.Compute(key), results[2].Thumbprint);
        Assert.DoesNotContain(token, await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string NewSubject() => "usr_" + Guid.NewGuid().ToString("N")[..12];
}
