using System.Net;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>Past the client's budget: 429 problem+json with Retry-After, audited, nothing forwarded.</summary>
public sealed class HttpApiRateLimitTests(RateLimitedHttpApiFixture fixture) : IClassFixture<RateLimitedHttpApiFixture>
{
    [Fact]
    public async Task ThirdRequestInAMinute_Is429()
    {
        var token = fixture.HttpToken("api");
        using var first = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token.Token);
        using var second = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token.Token);
        var before = fixture.Api.Requests.Count;

        using var third = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token.Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(429, (await HttpApiCalls.ProblemAsync(third)).GetProperty("status").GetInt32());
        Assert.Equal(before, fixture.Api.Requests.Count);
        Assert.Equal("rate limited", fixture.Audit.For(token.TokenId)[^1].Reason);
        Assert.Equal(HttpApiCalls.AuditId(third), fixture.Audit.IdsFor(token.TokenId)[^1]);
    }
}
