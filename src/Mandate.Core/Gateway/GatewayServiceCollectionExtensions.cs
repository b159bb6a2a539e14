using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Core.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway's domain services. Stores, the audit sink and the tool source come from other packages.</summary>
    public static IServiceCollection AddMandateGatewayCore(this IServiceCollection services)
    {
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<IToolCatalog>(sp => sp.GetRequiredService<ToolCatalog>());
        services.AddSingleton<ToolPolicyAdministration>();
        return services;
    }
}
