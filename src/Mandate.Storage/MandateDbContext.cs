using System.Text.Json;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mandate.Storage;

/// <summary>
/// The durable state. Times are stored as UTC ticks (portable, comparable in SQL on SQLite and PostgreSQL alike),
/// lists as JSON text.
/// </summary>
public sealed class MandateDbContext(DbContextOptions<MandateDbContext> options) : DbContext(options)
{
    public DbSet<ClientEntity> Clients => Set<ClientEntity>();

    public DbSet<UserEntity> Users => Set<UserEntity>();

    public DbSet<ResourceEntity> Resources => Set<ResourceEntity>();

    public DbSet<ConsentEntity> Consents => Set<ConsentEntity>();

    public DbSet<RefreshTokenEntity> RefreshTokens => Set<RefreshTokenEntity>();

    public DbSet<RevokedAccessTokenEntity> RevokedAccessTokens => Set<RevokedAccessTokenEntity>();

    public DbSet<TokenDelegationEntity> TokenDelegations => Set<TokenDelegationEntity>();

    public DbSet<KnownClientHostEntity> KnownClientHosts => Set<KnownClientHostEntity>();

    public DbSet<UpstreamEntity> Upstreams => Set<UpstreamEntity>();

    public DbSet<ToolPolicyEntity> ToolPolicies => Set<ToolPolicyEntity>();

    public DbSet<MandateCallCountEntity> MandateCallCounts => Set<MandateCallCountEntity>();

    public DbSet<DataFlowTaintEntity> DataFlowTaints => Set<DataFlowTaintEntity>();

    public DbSet<ReplayMarkerEntity> ReplayMarkers => Set<ReplayMarkerEntity>();

    /// <summary>The audit table from before the ledger; its rows are moved into the ledger at start-up (LegacyAuditImport).</summary>
    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();

    public DbSet<LedgerEntryEntity> LedgerEntries => Set<LedgerEntryEntity>();

    public DbSet<LedgerNodeEntity> LedgerNodes => Set<LedgerNodeEntity>();

    public DbSet<LedgerCheckpointEntity> LedgerCheckpoints => Set<LedgerCheckpointEntity>();

    public DbSet<ApprovalRequestEntity> ApprovalRequests => Set<ApprovalRequestEntity>();

    public DbSet<CibaRequestEntity> CibaRequests => Set<CibaRequestEntity>();

    public DbSet<VaultDataKeyEntity> VaultDataKeys => Set<VaultDataKeyEntity>();

    public DbSet<ConnectorEntity> Connectors => Set<ConnectorEntity>();

    public DbSet<ConnectionEntity> Connections => Set<ConnectionEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<List<string>>().HaveConversion<JsonListConverter, JsonListComparer>();
        configurationBuilder.Properties<Dictionary<string, string>>().HaveConversion<JsonMapConverter, JsonMapComparer>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ClientEntity>(e =>
        {
            e.ToTable("clients");
            e.HasKey(c => c.ClientId);
        });
        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.HasIndex(u => u.NormalizedUsername).IsUnique();
        });
        modelBuilder.Entity<ResourceEntity>(e =>
        {
            e.ToTable("resources");
            e.HasKey(r => r.Uri);
        });
        modelBuilder.Entity<ConsentEntity>(e =>
        {
            e.ToTable("consents");
            e.HasKey(c => new { c.UserId, c.ClientId, c.Resource });
        });
        modelBuilder.Entity<RefreshTokenEntity>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(t => t.TokenHash);
            e.HasIndex(t => t.FamilyId);
            e.HasIndex(t => t.ParentHash);
            e.HasIndex(t => new { t.Subject, t.ClientId });
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<RevokedAccessTokenEntity>(e =>
        {
            e.ToTable("revoked_access_tokens");
            e.HasKey(t => t.TokenId);
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<TokenDelegationEntity>(e =>
        {
            e.ToTable("token_delegations");
            e.HasKey(t => t.TokenId);
            e.HasIndex(t => t.ParentTokenId);
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<KnownClientHostEntity>(e =>
        {
            e.ToTable("known_client_hosts");
            e.HasKey(h => h.Host);
        });
        GatewayModel.Configure(modelBuilder);
        LedgerModel.Configure(modelBuilder);
        ApprovalModel.Configure(modelBuilder);
        VaultModel.Configure(modelBuilder);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private sealed class JsonListConverter() : ValueConverter<List<string>, string>(
        v => JsonSerializer.Serialize(v, StorageJsonContext.Default.ListString),
        v => JsonSerializer.Deserialize(v, StorageJsonContext.Default.ListString) ?? new List<string>());

    private sealed class JsonMapConverter() : ValueConverter<Dictionary<string, string>, string>(
        v => JsonSerializer.Serialize(v, StorageJsonContext.Default.DictionaryStringString),
        v => JsonSerializer.Deserialize(v, StorageJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>());

    private sealed class JsonMapComparer() : ValueComparer<Dictionary<string, string>>(
        (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
        v => v.Count,
        v => new Dictionary<string, string>(v));

    private sealed class JsonListComparer() : ValueComparer<List<string>>(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());
}
