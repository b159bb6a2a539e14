using System.Net;
using System.Net.Http.Headers;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>What the HTTP API gateway refuses before deciding a level: foreign origins, protocol upgrades, spent budgets.</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiFrontDoorTests(HttpApiFixture fixture)
{
    [Fact]
    public async Task ForeignOrigin_Is403ProblemJson_NothingForwarded()
    {
        var before = fixture.Api.Requests.Count;

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", fixture.HttpToken("api").Token, null, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin", (await HttpApiCalls.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    [Fact]
    public async Task WebSocketUpgrade_IsRefused_NothingForwarded()
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.HttpEndpoint("api") + "/socket");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");

        using var response = await HttpApiCalls.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, fixture.Api.Requests.Count);
        Assert.Equal("protocol upgrade refused", Assert.Single(fixture.Audit.For(token.TokenId)).Reason);
    }
}
