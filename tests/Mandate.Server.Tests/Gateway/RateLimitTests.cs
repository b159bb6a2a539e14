using System.Net;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>Per-client and per-user budgets: past them, 429 with Retry-After, and nothing reaches the upstream.</summary>
public sealed class RateLimitTests(RateLimitedGatewayFixture fixture) : IClassFixture<RateLimitedGatewayFixture>
{
    [Fact]
    public async Task Client_PastItsBudget_Gets429WithRetryAfter_WhateverTheUser()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", subject: $"usr_c{i}", clientId: "client_busy").Token, McpHttp.Message(i, "ping"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(-32056, await McpHttp.ErrorCodeAsync(last));
        last.Dispose();

        using var otherClient = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", subject: "usr_c0", clientId: "client_calm").Token, McpHttp.Message(9, "ping"));
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task User_PastTheirBudget_Gets429_AcrossClients()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", subject: "usr_busy", clientId: $"client_u{i}").Token, McpHttp.Message(i, "ping"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task RateLimitedRequest_IsAudited_AndNeverForwarded()
    {
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", clientId: "client_audited").Token, McpHttp.Message(i, "ping"));
        }

        var before = fixture.Stateless.Recorder.Requests.Count;
        var issued = fixture.Token("stateless", clientId: "client_audited");
        using var refused = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.Message(4, "ping"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(before, fixture.Stateless.Recorder.Requests.Count);
        var recorded = Assert.Single(await fixture.Audit.WaitForAsync(issued.TokenId));
        Assert.Equal(("deny", "rate limited"), (recorded.Decision, recorded.Reason));
        Assert.Equal(fixture.Audit.IdsFor(issued.TokenId).Single().ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.GetValues("Mandate-Audit-Id").Single());
    }
}
