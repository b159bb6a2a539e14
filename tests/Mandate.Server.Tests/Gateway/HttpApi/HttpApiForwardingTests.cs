using System.Net;
using System.Text;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>{issuer}/http/{name}/... is a real reverse proxy: every method, path and query kept, bodies streamed both ways, headers filtered.</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiForwardingTests(HttpApiFixture fixture)
{
    public static TheoryData<string> Methods => ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_ReachesTheUpstream_WithPathAndQuery(string method)
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes).Token;
        var content = method is "GET" or "HEAD" or "OPTIONS" ? null : new StringContent("payload-" + method);

        using var response = await HttpApiCalls.SendAsync(new HttpMethod(method), fixture.HttpEndpoint("api") + "/repos/a%20b/c?x=1&y=%2F", token, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Api.Requests[^1];
        Assert.Equal(method, seen.Method);
        Assert.Equal("/base/repos/a%20b/c?v=2&x=1&y=%2F", seen.Target);
        if (method != "HEAD")
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.StartsWith($"{method} /base/repos/a%20b/c?v=2&x=1&y=%2F", body, StringComparison.Ordinal);
            Assert.EndsWith(content is null ? "body=" : "body=payload-" + method, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CallerCredentialsAndForwardingHeaders_NeverReachTheUpstream_ConfiguredHeadersDo()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var token = fixture.HttpToken("api").Token;

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token, null,
            ("Cookie", "session=abc"), ("Origin", GatewayFixture.AllowedOrigin), ("Referer", "https://inspector.example/page"), ("X-Forwarded-For", "10.0.0.1"),
            ("Forwarded", "for=10.0.0.1"), ("X-Api-Key", "callers-own"), ("X-Custom", "kept"), ("DPoP", "not-a-proof"), ("Accept", "application/vnd.example+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Api.Requests[^1];
        foreach (var name in new[] { "Authorization", "Cookie", "Origin", "Referer", "X-Forwarded-For", "Forwarded", "DPoP" })
        {
            Assert.Null(seen.Header(name));
        }

        Assert.DoesNotContain(seen.Headers.Values, v => v.Contains(token, StringComparison.Ordinal));
        Assert.Equal(GatewayFixture.ApiKey, seen.Header("X-Api-Key"));
        Assert.Equal("kept", seen.Header("X-Custom"));
        Assert.Equal("application/vnd.example+json", seen.Header("Accept"));
        Assert.Equal(new Uri(fixture.Api.Origin).Authority, seen.Header("Host"));
    }

    [Fact]
    public async Task UpstreamHeadersActingOnMandatesOrigin_AreDropped_TheGatewaysOwnKept()
    {
        fixture.Api.Handler = async context =>
        {
            context.Response.Headers["Set-Cookie"] = "upstream=1; Path=/";
            context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"upstream\"";
            context.Response.Headers.AccessControlAllowOrigin = "*";
            context.Response.Headers["Mandate-Audit-Id"] = "999999";
            context.Response.Headers["X-RateLimit-Remaining"] = "41";
            context.Response.Headers.ContentSecurityPolicy = "script-src *";
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("upstream says no");
        };
        var token = fixture.HttpToken("api");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token.Token, null, ("Origin", GatewayFixture.AllowedOrigin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("upstream says no", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal(GatewayFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("41", Assert.Single(response.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.StartsWith("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(fixture.Audit.IdsFor(token.TokenId).Single(), HttpApiCalls.AuditId(response));
    }

    [Fact]
    public async Task Audit_OneCallEventBeforeForwarding_ThenTheOutcome_QueryValuesNeverRecorded()
    {
        long? eventsWhenForwarded = null;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);
        fixture.Api.Handler = context =>
        {
            eventsWhenForwarded = fixture.Audit.For(token.TokenId).Count;
            context.Response.StatusCode = StatusCodes.Status201Created;
            return Task.CompletedTask;
        };

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Put, fixture.HttpEndpoint("api") + "/files/report.txt?secret_value=hunter2&mode=x", token.Token, new StringContent("x"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, eventsWhenForwarded);
        var call = Assert.Single(fixture.Audit.For(token.TokenId));
        Assert.Equal(("allow", "destructive (method default)", "PUT", "/files/report.txt?secret_value&mode", "api"), (call.Decision, call.Reason, call.Method, call.Tool, call.Upstream));
        Assert.Equal(HttpApiCalls.AuditId(response), fixture.Audit.IdsFor(token.TokenId).Single());
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId));
        Assert.Equal(("allow", 201, HttpApiCalls.AuditId(response)), (outcome.Decision, outcome.UpstreamStatus, outcome.RelatesTo));
        Assert.DoesNotContain(fixture.Audit.Events, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LedgerDown_Is503_AndNothingIsForwarded()
    {
        var before = fixture.Api.Requests.Count;
        fixture.Audit.Failing = true;
        try
        {
            using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", fixture.HttpToken("api").Token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(503, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
            Assert.Equal(before, fixture.Api.Requests.Count);
        }
        finally
        {
            fixture.Audit.Failing = false;
        }
    }

    [Fact]
    public async Task RequestBody_StreamsToTheUpstream_BeforeTheCallerHasSentItAll()
    {
        var firstChunk = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Api.Handler = async context =>
        {
            var buffer = new byte[64];
            var read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted);
            firstChunk.TrySetResult(Encoding.UTF8.GetString(buffer, 0, read));
            using var reader = new StreamReader(context.Request.Body);
            var rest = await reader.ReadToEndAsync(context.RequestAborted);
            await context.Response.WriteAsync("got " + rest, context.RequestAborted);
        };
        var content = new ChunkedContent(firstChunk.Task, "first", "second");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/upload", fixture.HttpToken("api", HttpApiFixture.AllScopes).Token, content);

        Assert.Equal("first", await firstChunk.Task);
        Assert.Equal("got second", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResponseBody_StreamsToTheCaller_BeforeTheUpstreamHasSentItAll()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Api.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: one\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            await context.Response.WriteAsync("data: two\n\n", context.RequestAborted);
        };

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/events", fixture.HttpToken("api").Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("data: one", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        release.SetResult();
        Assert.Equal(string.Empty, await reader.ReadLineAsync());
        Assert.Equal("data: two", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task RedirectInsideTheUpstream_PointsThroughTheGateway_OthersPassAsTheyAre()
    {
        fixture.Api.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = context.Request.Path == "/base/inside" ? fixture.Base + "/moved/here?page=2" : "https://elsewhere.example/x";
            return Task.CompletedTask;
        };
        var token = fixture.HttpToken("api").Token;

        using var inside = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/inside", token);
        using var outside = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/outside", token);

        Assert.Equal(fixture.HttpEndpoint("api") + "/moved/here?page=2", inside.Headers.Location?.ToString());
        Assert.Equal("https://elsewhere.example/x", outside.Headers.Location?.ToString());
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_NothingForwarded()
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/upload", token.Token, new ByteArrayContent(new byte[HttpApiFixture.MaxBodyBytes + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(before, fixture.Api.Requests.Count);
        Assert.Equal("request too large", Assert.Single(fixture.Audit.For(token.TokenId)).Reason);
    }
}
