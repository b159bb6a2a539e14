using Mandate.Core.Gateway;
using Mandate.Core.Vault.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The gateway fixture with the vault's broker faked and the raw upstream also served with injected credentials.</summary>
public sealed class InjectionFixture : GatewayFixture
{
    public const string Connector = "svc";

    public FakeCredentialBroker Broker { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddAsync("inject-bearer", "bearer", headers: new Dictionary<string, string> { ["Authorization"] = "Basic configured" });
        await AddAsync("inject-header", "header:X-Service-Key", headers: new Dictionary<string, string> { ["X-Service-Key"] = "configured" });
        await AddAsync("inject-query", "query:key");
    }

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<ICredentialBroker>(Broker));

    private async Task AddAsync(string name, string placement, IReadOnlyDictionary<string, string>? headers = null)
    {
        await AddUpstreamAsync(name, Raw.Url + "?region=eu&key=callers", trusted: true, headers);
        var upstream = (await Upstreams.FindAsync(name, CancellationToken.None))!;
        await Upstreams.UpsertAsync(upstream with { Credential = UpstreamCredential.Parse("connector:" + Connector, placement, out _) }, CancellationToken.None);
    }
}
