using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>RFC 9728 metadata: one document per upstream at the path-inserted form of its resource URI.</summary>
public sealed class ProtectedResourceMetadataTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Metadata_DescribesTheUpstreamAsAProtectedResource()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await OAuthHttp.JsonAsync(response);
        Assert.Equal(fixture.Issuer + "/mcp/notes", json.GetProperty("resource").GetString());
        Assert.Equal([fixture.Issuer], Strings(json, "authorization_servers"));
        Assert.Equal(["mcp:read", "mcp:write", "mcp:destructive"], Strings(json, "scopes_supported"));
        Assert.Equal(["header"], Strings(json, "bearer_methods_supported"));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("resource_name").GetString()));
    }

    [Fact]
    public async Task Metadata_OfAnUnknownUpstream_Is404()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/nosuch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RootMetadata_WithSeveralUpstreams_Is404()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownUpstream_Is404_ForEveryMethod()
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Get, HttpMethod.Delete })
        {
            var json = method == HttpMethod.Post ? McpHttp.ListTools(1) : null;
            using var response = await McpHttp.Client.SendAsync(McpHttp.Request(method, fixture.Endpoint("nosuch"), fixture.Token("notes").Token, json));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    internal static string[] Strings(JsonElement json, string name) => json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
