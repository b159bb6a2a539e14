using System.Net;
using Mandate.Core.Tokens;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// MCP authorization's resource-server rules: exactly one Bearer challenge with resource_metadata and the scope to ask
/// for; invalid_token for any bad token without saying why; tokens checked once and then served from the cache.
/// </summary>
public sealed class GatewayTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private string Metadata => fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/stateless";

    [Fact]
    public async Task NoToken_Is401_WithOneChallenge_NamingMetadataAndScope_WithoutError()
    {
        var seenBefore = fixture.Stateless.Recorder.Requests.Count;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), null, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal($"Bearer resource_metadata=\"{Metadata}\", scope=\"mcp:read\"", challenge);
        Assert.Equal(seenBefore, fixture.Stateless.Recorder.Requests.Count);
    }

    public static TheoryData<string> BadTokens => new() { "garbage", "a.b.c", "Basic dXNlcjpwYXNz" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task MalformedToken_Is401_InvalidToken(string token)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task TamperedSignature_Is401_InvalidToken()
    {
        var token = fixture.Token("stateless").Token;
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), tampered, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task ExpiredToken_Is401_InvalidToken()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.ExpiredToken("stateless").Token, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task TokenForAnotherUpstream_Is401_InvalidToken()
    {
        var forNotes = fixture.Token("notes", "mcp:read mcp:write mcp:destructive").Token;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), forNotes, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task TokenForAnotherResource_Is401_InvalidToken()
    {
        var token = fixture.Token("stateless", resource: "https://files.example.com/api").Token;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task RevokedToken_Is401_InvalidToken()
    {
        var issued = fixture.Token("stateless");
        await fixture.Server.Services.GetRequiredService<IRevokedAccessTokenStore>().RevokeAsync(issued.TokenId, issued.ExpiresAt, CancellationToken.None);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), issued.Token, McpHttp.ListTools(1));

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task ValidToken_Passes()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("read_note", await McpHttp.ToolNamesAsync(response, 1));
    }

    [Fact]
    public async Task RepeatedCalls_VerifyTheSignatureOnce()
    {
        var token = fixture.Token("stateless").Token;
        var verifiedBefore = fixture.Validations["verified"];
        var cachedBefore = fixture.Validations["cached"];

        for (var i = 0; i < 5; i++)
        {
            using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.ListTools(i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, fixture.Validations["verified"] - verifiedBefore);
        Assert.Equal(4, fixture.Validations["cached"] - cachedBefore);
    }

    [Fact]
    public async Task CachedToken_StillBoundToItsAudience()
    {
        var token = fixture.Token("stateless").Token;
        using var first = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.ListTools(1));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var elsewhere = await McpHttp.PostAsync(fixture.Endpoint("notes"), token, McpHttp.ListTools(1));

        AssertInvalidToken(elsewhere, "notes");
    }

    private void AssertInvalidToken(HttpResponseMessage response, string upstream = "stateless")
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        var metadata = fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/" + upstream;
        Assert.Equal($"Bearer error=\"invalid_token\", resource_metadata=\"{metadata}\", scope=\"mcp:read\"", challenge);
    }
}
