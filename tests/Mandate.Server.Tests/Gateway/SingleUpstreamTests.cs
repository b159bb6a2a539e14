using System.Net;
using Mandate.Core.Gateway;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Gateway;

/// <summary>An issuer with a path and a single upstream: the well-known paths insert the issuer path, and the root form answers.</summary>
public sealed class SingleUpstreamTests : IAsyncLifetime
{
    private MandateTestServer server = null!;
    private McpUpstream upstream = null!;

    public async Task InitializeAsync()
    {
        upstream = await McpUpstream.StartAsync(ModelContextProtocol.AspNetCore.HttpServerSessionMode.Stateless);
        var store = new FakeUpstreamStore();
        await store.UpsertAsync(new Upstream { Name = "only", Url = upstream.Url, TrustAnnotations = true }, CancellationToken.None);
        server = await MandateTestServer.StartAsync(configureServices: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IUpstreamStore>(s, store), issuerPath: "/tenant");
    }

    [Fact]
    public async Task RootMetadata_WithOneUpstream_DescribesIt()
    {
        foreach (var path in new[] { "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/tenant", "/.well-known/oauth-protected-resource/tenant/mcp/only" })
        {
            var response = await OAuthHttp.Client.GetAsync(server.BaseUrl + path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(server.Issuer + "/mcp/only", (await OAuthHttp.JsonAsync(response)).GetProperty("resource").GetString());
        }
    }

    [Fact]
    public async Task Challenge_PointsAtThePathInsertedMetadata()
    {
        using var response = await McpHttp.PostAsync(server.Issuer + "/mcp/only", null, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"resource_metadata=\"{server.BaseUrl}/.well-known/oauth-protected-resource/tenant/mcp/only\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetadataUnderTheIssuerPath_IsNotServed()
    {
        var response = await OAuthHttp.Client.GetAsync(server.Issuer + "/.well-known/oauth-protected-resource/mcp/only");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }
}
