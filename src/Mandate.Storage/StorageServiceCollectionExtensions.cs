using Mandate.Core.Audit;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Consents;
using Mandate.Core.Gateway;
using Mandate.Core.Resources;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Core.Users;
using Mandate.Core.Ledger;
using Mandate.Storage.Ledger;
using Mandate.Storage.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mandate.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite store in the data directory (created if missing).</summary>
    public static IServiceCollection AddMandateSqliteStorage(this IServiceCollection services, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), "mandate.db");
        var connectionString = $"Data Source={path};Pooling=True;Default Timeout=30";
        services.AddPooledDbContextFactory<MandateDbContext>(o => o.UseSqlite(connectionString));
        services.AddSingleton<IClientStore, EfClientStore>();
        services.AddSingleton<IUserStore, EfUserStore>();
        services.AddSingleton<IResourceStore, EfResourceStore>();
        services.AddSingleton<IConsentStore, EfConsentStore>();
        services.AddSingleton<IRefreshTokenStore, EfRefreshTokenStore>();
        services.AddSingleton<IRevokedAccessTokenStore, EfRevokedAccessTokenStore>();
        services.AddSingleton<IDelegationStore, EfDelegationStore>();
        services.AddSingleton<IUpstreamStore, EfUpstreamStore>();
        services.AddSingleton<Core.Gateway.Http.IHttpRuleStore, EfHttpRuleStore>();
        services.AddSingleton<SqliteWriteLock>();
        services.AddSingleton<Core.Mandates.Enforcement.IMandateCallCountStore, SqliteMandateCallCountStore>();
        services.AddSingleton<Core.Mandates.Enforcement.IMandateCallCounter>(sp => new Core.Mandates.Enforcement.GroupCommitCallCounter(sp.GetRequiredService<Core.Mandates.Enforcement.IMandateCallCountStore>()));
        services.AddSingleton<Core.Gateway.DataFlow.IDataFlowTaintStore, EfDataFlowTaintStore>();
        services.AddSingleton<EfToolPolicyStore>();
        services.AddSingleton<IToolPolicyStore>(sp => new CachingToolPolicyStore(sp.GetRequiredService<EfToolPolicyStore>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<Core.Approvals.IApprovalStore, EfApprovalStore>();
        services.AddSingleton<Core.OAuth.Ciba.ICibaRequestStore, EfCibaRequestStore>();
        services.AddSingleton<SqliteLedgerStore>();
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        services.AddSingleton<ICheckpointStore, SqliteCheckpointStore>();
        services.AddSingleton<IAuditReader, SqliteAuditReader>();
        services.AddSingleton<Core.Vault.Encryption.IVaultKeyStore, EfVaultKeyStore>();
        services.AddSingleton<Core.Vault.Connectors.IConnectorStore, EfConnectorStore>();
        services.AddSingleton<Core.Vault.Connections.IConnectionStore, EfConnectionStore>();
        services.AddSingleton<EfReplayCache>();
        services.AddSingleton<InMemoryReplayCache>();
        services.Replace(ServiceDescriptor.Singleton<IReplayCache>(sp =>
            sp.GetRequiredService<IOptions<MandateOptions>>().Value.Security.ReplayCache == ReplayCacheMode.Store
                ? sp.GetRequiredService<EfReplayCache>()
                : sp.GetRequiredService<InMemoryReplayCache>()));
        services.AddSingleton<StorageInitializer>();
        return services;
    }
}
