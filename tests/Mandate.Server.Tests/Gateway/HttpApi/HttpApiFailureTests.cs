using System.Net;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>An HTTP upstream that is down, slow or failing gets the caller a problem+json 502/504, never a 500, never the upstream's error body.</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiFailureTests(HttpApiFixture fixture)
{
    [Fact]
    public async Task UpstreamDown_Is502ProblemJson_WithTheAuditId_AndAnErrorOutcome()
    {
        var token = fixture.HttpToken("api-down");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api-down") + "/x", token.Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(502, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(fixture.Audit.IdsFor(token.TokenId).Single(), HttpApiCalls.AuditId(response));
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId));
        Assert.Equal(("error", "upstream unreachable"), (outcome.Decision, outcome.Reason));
    }

    [Fact]
    public async Task SilentUpstream_Is504_AfterTheTimeout()
    {
        fixture.Api.Handler = async context => await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
        var token = fixture.HttpToken("api");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/slow", token.Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(504, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal("upstream timeout", Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId)).Reason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    public async Task UpstreamErrorStatus_Is502_WithoutTheUpstreamsBodyOrChallenge(int status)
    {
        fixture.Api.Handler = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"upstream\"";
            context.Response.Headers["X-Upstream-Debug"] = "internal";
            await context.Response.WriteAsync("stack trace with secrets");
        };
        var token = fixture.HttpToken("api");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/boom", token.Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.False(response.Headers.Contains("X-Upstream-Debug"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secrets", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":502", body, StringComparison.Ordinal);
        Assert.Equal(fixture.Audit.IdsFor(token.TokenId).Single(), HttpApiCalls.AuditId(response));
        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId));
        Assert.Equal(("error", "upstream status " + status, status), (outcome.Decision, outcome.Reason, outcome.UpstreamStatus));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(429)]
    public async Task UpstreamClientErrors_PassAsTheyAre(int status)
    {
        fixture.Api.Handler = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"message\":\"from the api\"}");
        };

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", fixture.HttpToken("api").Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"from the api\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpstreamBreakingOffItsBody_IsNeverAWholeAnswer()
    {
        fixture.Api.Handler = async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("only part", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        };
        var token = fixture.HttpToken("api");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/cut", token.Token);

        // Whether the head had reached the caller decides which: a 502, or a connection cut (so a cut body never passes for a whole one).
        if (response.StatusCode == HttpStatusCode.OK)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal(502, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
        }

        var outcome = Assert.Single(await fixture.Audit.WaitForOutcomesAsync(token.TokenId));
        Assert.Equal("error", outcome.Decision);
        Assert.Contains(outcome.Reason, new[] { "upstream stream broke off", "upstream unreachable" });
    }
}
