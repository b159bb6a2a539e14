using Mandate.Core.ClientAuthentication;
using Mandate.Core.Clients;
using Mandate.Core.Codes;
using Mandate.Core.Configuration;
using Mandate.Core.Consents;
using Mandate.Core.Dpop;
using Mandate.Core.Fetching;
using Mandate.Core.Gateway;
using Mandate.Core.Keys;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.OAuth.Introspection;
using Mandate.Core.OAuth.Revocation;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Resources;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Core.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mandate.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain services. Stores come from a storage package; short-lived state defaults to process memory.</summary>
    public static IServiceCollection AddMandateCore(this IServiceCollection services, string dataDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<MandateOptions>, MandateOptionsValidator>();
        services.AddSingleton<ISigningKeyStore>(new FileSigningKeyStore(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<RefreshTokenService>();
        services.TryAddSingleton<IAuthorizationCodeStore, InMemoryAuthorizationCodeStore>();
        services.TryAddSingleton<IReplayCache, InMemoryReplayCache>();
        services.TryAddSingleton(ServerSecret.FromFile(Path.Combine(dataDirectory, "secrets", "server-secret")));
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<DpopProofVerifier>();
        services.TryAddSingleton<ILoginThrottle, InMemoryLoginThrottle>();
        services.TryAddSingleton<IOutboundFetcher, GuardedFetcher>();
        services.AddSingleton<ClientIdMetadataDocuments>();
        services.AddSingleton<ClientResolver>();
        services.AddSingleton<ClientRegistrationService>();
        services.AddSingleton<ClientKeys>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<ResourceCatalog>();
        services.AddSingleton<Mandates.MandateRequestValidator>();
        services.TryAddSingleton<OAuth.Par.IPushedAuthorizationRequestStore, OAuth.Par.InMemoryPushedAuthorizationRequestStore>();
        services.AddSingleton<OAuth.Par.PushedRequestResolver>();
        services.AddSingleton<OAuth.Par.PushedAuthorizationService>();
        services.AddSingleton<AuthorizeRequestValidator>();
        services.AddSingleton<AuthorizationService>();
        services.AddSingleton<AuthorizationCodeGrantHandler>();
        services.AddSingleton<RefreshTokenGrantHandler>();
        services.AddSingleton<ClientCredentialsGrantHandler>();
        services.AddSingleton<AccessTokenRevoker>();
        services.AddSingleton<OAuth.Exchange.ExchangeActorResolver>();
        services.AddSingleton<OAuth.Exchange.DelegationPolicy>();
        services.AddSingleton<OAuth.Exchange.MandateNarrowing>();
        services.AddSingleton<OAuth.Exchange.TokenExchangeGrantHandler>();
        services.AddSingleton<TokenAudit>();
        services.AddSingleton<Audit.AdminAudit>();
        services.AddSingleton<Users.SignInAudit>();
        services.AddSingleton<TokenRequestProcessor>();
        services.AddSingleton<IntrospectionService>();
        services.AddSingleton<RevocationService>();
        services.AddSingleton<ConsentService>();
        services.TryAddSingleton<Approvals.IApprovalSignal, Approvals.InProcessApprovalSignal>();
        services.AddSingleton<Approvals.ApprovalService>();
        services.AddSingleton<Approvals.IApprovalNotifier, Approvals.WebhookApprovalNotifier>();
        services.TryAddSingleton<IOutboundPoster, GuardedPoster>();
        services.AddSingleton<OAuth.Ciba.CibaAudit>();
        services.AddSingleton<OAuth.Ciba.BackchannelRequestValidator>();
        services.AddSingleton<OAuth.Ciba.BackchannelAuthenticationService>();
        services.AddSingleton<OAuth.Ciba.CibaGrantHandler>();
        services.AddSingleton<OAuth.Ciba.CibaPingSender>();
        services.AddSingleton<Gateway.UpstreamRegistration>();
        services.AddMandateGatewayCore();
        services.TryAddSingleton<Audit.IAuditSink>(sp => sp.GetRequiredService<IOptions<MandateOptions>>().Value.Ledger.Enabled
            ? ActivatorUtilities.CreateInstance<Ledger.LedgerAuditSink>(sp)
            : new Audit.DiscardingAuditSink());
        services.AddSingleton(sp => Ledger.Checkpoints.LedgerKey.LoadOrCreate(
            Path.Combine(dataDirectory, Ledger.Checkpoints.LedgerKey.FileName),
            Ledger.Checkpoints.LedgerOrigin.Resolve(sp.GetRequiredService<IOptions<MandateOptions>>().Value)));
        services.AddSingleton<Ledger.Checkpoints.LedgerCheckpointer>();
        services.AddSingleton<Ledger.LedgerStartupCheck>();
        services.AddSingleton<Ledger.Receipts.LedgerReceipts>();
        services.AddSingleton<Ledger.Verification.LedgerVerifier>();
        services.AddMandateVault(dataDirectory);
        return services;
    }
}
