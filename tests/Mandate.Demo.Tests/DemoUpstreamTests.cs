using Mandate.Core.Gateway;
using Mandate.Core.Resources;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Demo.Tests;

/// <summary>What `mandate serve --demo` registers: upstream "demo" and its protected resource.</summary>
public sealed class DemoUpstreamTests
{
    [Fact]
    public async Task StartAsync_RegistersTheDemoAsATrustedUpstream_WithItsKeyAsTheInjectedHeader()
    {
        await using var server = await MandateTestServer.StartAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);

        Assert.Equal(server.Issuer + "/mcp/demo", demo.GatewayUrl);
        var upstream = await server.Services.GetRequiredService<IUpstreamStore>().FindAsync("demo", CancellationToken.None);
        Assert.NotNull(upstream);
        Assert.Equal(demo.Server.Url, upstream.Url);
        Assert.True(upstream.TrustAnnotations);
        Assert.Equal(demo.Server.Key, upstream.Headers[DemoMcpServer.KeyHeader]);

        var resource = await server.Services.GetRequiredService<IResourceStore>().FindAsync(demo.GatewayUrl, CancellationToken.None);
        Assert.NotNull(resource);
        Assert.Equal(GatewayScopes.All, resource.Scopes);
        Assert.Equal("Also delete demo notes", ScopeDescriber.Describe(resource, GatewayScopes.Destructive));
    }

    [Fact]
    public async Task StartAsync_AgainOnTheSameData_UpdatesUrlAndKey_KeepsWhenItWasFirstAdded()
    {
        await using var server = await MandateTestServer.StartAsync();
        var upstreams = server.Services.GetRequiredService<IUpstreamStore>();
        Upstream first;
        await using (var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None))
        {
            first = (await upstreams.FindAsync("demo", CancellationToken.None))!;
        }

        await using var again = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        var second = (await upstreams.FindAsync("demo", CancellationToken.None))!;

        Assert.Equal(again.Server.Url, second.Url);
        Assert.NotEqual(first.Headers[DemoMcpServer.KeyHeader], second.Headers[DemoMcpServer.KeyHeader]);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Single(await upstreams.ListAsync(CancellationToken.None));
    }
}
