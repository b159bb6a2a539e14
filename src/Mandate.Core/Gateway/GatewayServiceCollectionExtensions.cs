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
        services.AddSingleton<Mandates.Enforcement.ArgumentSchemaCache>();
        services.AddSingleton<Mandates.Enforcement.MandateEnforcer>();
        services.AddSingleton<DataFlow.DataFlowGuard>();
        services.AddSingleton<Http.HttpRulePolicy>();
        services.AddSingleton<Http.HttpRuleAdministration>();
        return services;
    }
}
