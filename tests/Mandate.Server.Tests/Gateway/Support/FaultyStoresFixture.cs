using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The approval fixture whose approval store, call counters and audit sink can be made to fail mid-test.</summary>
public sealed class FaultyStoresFixture : ApprovalGatewayFixture
{
    public StoreFaults Faults { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        Faults.Wrap(services);
    }
}
