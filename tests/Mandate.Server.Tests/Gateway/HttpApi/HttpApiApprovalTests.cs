using System.Net;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>Gateway:RequireApprovalForDestructive: an HTTP request cannot be held, so a destructive one is refused, never let through unapproved.</summary>
public sealed class HttpApiApprovalTests(ApprovalHttpApiFixture fixture) : IClassFixture<ApprovalHttpApiFixture>
{
    [Fact]
    public async Task DestructiveRequest_IsRefused_OthersPass()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);
        var before = fixture.Api.Requests.Count;

        using var delete = await HttpApiCalls.SendAsync(HttpMethod.Delete, fixture.HttpEndpoint("api") + "/repos/a", token.Token);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("approval", (await HttpApiCalls.ProblemAsync(delete)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.Requests.Count);

        using var write = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/repos/a/issues", token.Token, new StringContent("{}"));
        using var read = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/repos/a", token.Token);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.StartsWith("destructive request requires approval", fixture.Audit.For(token.TokenId)[0].Reason, StringComparison.Ordinal);
    }
}
