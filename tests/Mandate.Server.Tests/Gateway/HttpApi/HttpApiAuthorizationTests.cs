using System.Net;
using Mandate.Core.Gateway.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>Tokens bound to {issuer}/http/{name}, 401/403 challenges, and the method+path rules (with the paths that try to slip past them).</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiAuthorizationTests(HttpApiFixture fixture)
{
    [Fact]
    public async Task NoToken_Is401_WithOneBearerChallengeNamingTheMetadataAndScope()
    {
        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/repos", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"resource_metadata=\"{fixture.Issuer}/.well-known/oauth-protected-resource/http/api\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("scope=\"mcp:read\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Mandate-Audit-Id"));
    }

    [Fact]
    public async Task TokenForAnotherResource_Is401InvalidToken_AndAudited()
    {
        var before = fixture.Api.Requests.Count;
        foreach (var token in new[] { fixture.Token("raw").Token, fixture.HttpToken("api-bearer").Token, fixture.Token("api", resource: fixture.ResourceUri("api")).Token })
        {
            using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/repos", token);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
            Assert.True(response.Headers.Contains("Mandate-Audit-Id"));
        }

        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    [Fact]
    public async Task KindsAreSeparate_AnHttpUpstreamIsNotServedAtMcp_NorAnMcpUpstreamAtHttp()
    {
        using var mcp = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.Endpoint("api"), fixture.HttpToken("api").Token, new StringContent("{}"));
        using var http = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("raw") + "/x", fixture.Token("raw").Token);
        using var metadata = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.Issuer + "/.well-known/oauth-protected-resource/mcp/api", null);

        Assert.Equal(HttpStatusCode.NotFound, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
    }

    [Fact]
    public async Task Metadata_DescribesTheHttpResource()
    {
        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.Issuer + "/.well-known/oauth-protected-resource/http/api", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(fixture.HttpResource("api"), document.GetProperty("resource").GetString());
        Assert.Equal(fixture.Issuer, document.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(["mcp:read", "mcp:write", "mcp:destructive"], document.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(fixture.Issuer + "/http/api", fixture.HttpResource("api"));
    }

    [Fact]
    public async Task PostWithAReadToken_Is403InsufficientScope_NamingEveryScopeNeeded_NothingForwarded()
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", "mcp:read mcp:write");

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Delete, fixture.HttpEndpoint("api") + "/repos/a", token.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(403, (await HttpApiCalls.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(before, fixture.Api.Requests.Count);
        var call = Assert.Single(fixture.Audit.For(token.TokenId));
        Assert.Equal(("deny", "insufficient_scope: needs mcp:destructive, destructive (method default)"), (call.Decision, call.Reason));
        Assert.Equal(HttpApiCalls.AuditId(response), fixture.Audit.IdsFor(token.TokenId).Single());
    }

    [Fact]
    public async Task Rules_SetTheLevel_MostSpecificFirst()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var write = fixture.HttpToken("api", "mcp:write");
        var read = fixture.HttpToken("api", "mcp:read");

        using var issue = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/repos/x/issues", write.Token, new StringContent("{}"));
        using var search = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/search", read.Token, new StringContent("q"));
        using var pulls = await HttpApiCalls.SendAsync(HttpMethod.Post, fixture.HttpEndpoint("api") + "/repos/x/pulls", write.Token, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, issue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pulls.StatusCode);
        Assert.StartsWith("write (rule ", fixture.Audit.For(write.TokenId)[0].Reason, StringComparison.Ordinal);
        Assert.EndsWith("(POST /repos/*/issues))", fixture.Audit.For(write.TokenId)[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/admin/users")]
    [InlineData("HEAD", "/admin")]
    [InlineData("GET", "//admin//users")]
    [InlineData("GET", "/%61dmin/users")]
    [InlineData("DELETE", "/admin/users/1")]
    public async Task DenyRule_Is403ProblemJson_HoweverThePathIsSpelled(string method, string path)
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);

        using var response = await HttpApiCalls.SendRawAsync(new HttpMethod(method), fixture.Issuer, "/http/api" + path, token.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        if (method != "HEAD")
        {
            Assert.Contains("denied", (await HttpApiCalls.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, fixture.Api.Requests.Count);
        var call = Assert.Single(fixture.Audit.For(token.TokenId));
        Assert.Equal("deny", call.Decision);
        Assert.StartsWith("denied by rule ", call.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/repos/..%2F..%2Fadmin")]
    [InlineData("/repos/%2e%2e/admin")]
    [InlineData("/repos/.%2E/admin")]
    [InlineData("/repos/..;/admin")]
    [InlineData("/repos%2F..%2Fadmin")]
    [InlineData("/repos/%252e%252e/admin")]
    [InlineData("/repos/%5C..%5Cadmin")]
    [InlineData("/repos/%E0%A4%A")]
    public async Task PathTricks_Are400_AndNeverForwarded(string path)
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);

        using var response = await HttpApiCalls.SendRawAsync(HttpMethod.Get, fixture.Issuer, "/http/api" + path, token.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The request path is refused", (await HttpApiCalls.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.Requests.Count);
        Assert.StartsWith("path refused: ", Assert.Single(fixture.Audit.For(token.TokenId)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotSegmentsTheServerWouldResolve_AreRefusedToo()
    {
        var before = fixture.Api.Requests.Count;
        var token = fixture.HttpToken("api", HttpApiFixture.AllScopes);

        // Kestrel resolves plain dot segments before routing: /http/api/repos/../admin would be routed as /http/api/admin.
        using var response = await HttpApiCalls.SendRawAsync(HttpMethod.Get, fixture.Issuer, "/http/api/repos/../x", token.Token);

        // And refuses a NUL itself, before the gateway sees the request.
        using var nul = await HttpApiCalls.SendRawAsync(HttpMethod.Get, fixture.Issuer, "/http/api/repos/%00", token.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    [Fact]
    public async Task ForwardedPath_IsTheCanonicalOne()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;

        using var response = await HttpApiCalls.SendRawAsync(HttpMethod.Get, fixture.Issuer, "/http/api//repos/%61b%2a//c%20d/?q=%2e%2e", fixture.HttpToken("api").Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/base/repos/ab*/c%20d/?v=2&q=%2e%2e", fixture.Api.Requests[^1].Target);
    }

    [Fact]
    public async Task ARuleAddedWhileRunning_AppliesWithoutARestart()
    {
        var administration = fixture.Server.Services.GetRequiredService<HttpRuleAdministration>();
        var (_, rule) = await administration.AddAsync("api", "GET", PathPattern.Parse("/late/**", out _)!, Core.Gateway.PermissionLevel.Deny, CancellationToken.None);
        try
        {
            using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/late/x", fixture.HttpToken("api").Token);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        finally
        {
            await administration.RemoveAsync("api", rule!.Id, CancellationToken.None);
        }

        using var after = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/late/x", fixture.HttpToken("api").Token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
