using Mandate.Core.Configuration;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connect;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Encryption;
using Mandate.Core.Vault.Providers;
using Mandate.Core.Vault.Refresh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault;

public static class VaultServiceCollectionExtensions
{
    /// <summary>
    /// The credential vault. The master key provider follows Vault:KeyProvider (file or env); to use a KMS or
    /// HashiCorp Vault, replace <see cref="IMasterKeyProvider"/> (services.Replace) with your own implementation.
    /// </summary>
    public static IServiceCollection AddMandateVault(this IServiceCollection services, string dataDirectory)
    {
        services.TryAddSingleton(new FileMasterKeySource(Path.Combine(dataDirectory, "secrets", FileMasterKeySource.FileName)));
        services.TryAddSingleton<IMasterKeyProvider>(sp => sp.GetRequiredService<IOptions<MandateOptions>>().Value.Vault.KeyProvider == VaultOptions.EnvironmentKeyProvider
            ? new LocalMasterKeyProvider(new EnvironmentMasterKeySource())
            : new LocalMasterKeyProvider(sp.GetRequiredService<FileMasterKeySource>()));
        services.AddSingleton<CredentialVault>();
        services.AddSingleton<MasterKeyRotation>();
        services.AddSingleton<ProviderDiscovery>();
        services.AddSingleton<ProviderHttp>();
        services.AddSingleton<ProviderClient>();
        services.AddSingleton<ConnectorRegistration>();
        services.AddSingleton<ConnectionsUrl>();
        services.AddSingleton<ConnectionSealing>();
        services.AddSingleton<CredentialMemoryCache>();
        services.AddSingleton<VaultAudit>();
        services.TryAddSingleton<IConnectFlowStore, InMemoryConnectFlowStore>();
        services.AddSingleton<ConnectFlow>();
        services.AddSingleton<ConnectionService>();
        services.AddSingleton<ConnectionRefresher>();
        services.AddSingleton<ICredentialBroker, CredentialBroker>();
        return services;
    }
}
