using Mandate.Core.Gateway;
using Mandate.Core.Tests.Support;
using static Mandate.Core.Tests.Support.GatewayHarness;

namespace Mandate.Core.Tests.Gateway;

/// <summary>Default levels: from annotations only for trusted upstreams, Destructive otherwise; overrides win.</summary>
public sealed class ToolCatalogLevelTests
{
    [Theory]
    [InlineData(ReadOnly, PermissionLevel.Read)]
    [InlineData("{\"readOnlyHint\":true,\"destructiveHint\":true}", PermissionLevel.Read)]
    [InlineData(NonDestructive, PermissionLevel.Write)]
    [InlineData("{\"destructiveHint\":false}", PermissionLevel.Write)]
    [InlineData(Destructive, PermissionLevel.Destructive)]
    [InlineData("{\"readOnlyHint\":false}", PermissionLevel.Destructive)]
    [InlineData("{\"idempotentHint\":true,\"openWorldHint\":false}", PermissionLevel.Destructive)]
    [InlineData("{\"readOnlyHint\":\"true\"}", PermissionLevel.Destructive)]
    [InlineData(null, PermissionLevel.Destructive)]
    public async Task TrustedUpstream_LevelFollowsAnnotations_WithPessimisticDefaults(string? annotations, PermissionLevel expected)
    {
        var gateway = new GatewayHarness(trustAnnotations: true);

        var tool = await gateway.ListOneAsync(Tool("t", annotations: annotations));

        Assert.Equal(expected, tool.Level);
        Assert.Equal(ToolLevelReason.Annotations, tool.Reason);
        Assert.Equal(ToolChangeKind.New, tool.Change);
        Assert.Equal(expected, await gateway.FindAsync("t"));
    }

    [Theory]
    [InlineData(ReadOnly)]
    [InlineData(NonDestructive)]
    [InlineData(null)]
    public async Task UntrustedUpstream_EveryToolIsDestructive(string? annotations)
    {
        var gateway = new GatewayHarness(trustAnnotations: false);

        var tool = await gateway.ListOneAsync(Tool("t", annotations: annotations));

        Assert.Equal(PermissionLevel.Destructive, tool.Level);
        Assert.Equal(ToolLevelReason.Untrusted, tool.Reason);
        Assert.Equal(PermissionLevel.Destructive, await gateway.FindAsync("t"));
    }

    [Fact]
    public async Task UpstreamTrustedLater_LevelsFollowTheRecordedAnnotations()
    {
        var gateway = new GatewayHarness(trustAnnotations: false);
        await gateway.ListAsync(Tool("t", annotations: ReadOnly));

        await gateway.Upstreams.UpsertAsync(gateway.Upstream with { TrustAnnotations = true }, CancellationToken.None);

        Assert.Equal(PermissionLevel.Read, await gateway.FindAsync("t"));
    }

    [Theory]
    [InlineData(true, PermissionLevel.Write)]
    [InlineData(true, PermissionLevel.Deny)]
    [InlineData(false, PermissionLevel.Read)]
    public async Task Override_WinsOverTheDefault(bool trusted, PermissionLevel level)
    {
        var gateway = new GatewayHarness(trusted);
        await gateway.ListAsync(Tool("t", annotations: ReadOnly));

        Assert.Equal(ToolPolicyOutcome.Done, await gateway.Admin.SetOverrideAsync(UpstreamName, "t", level, CancellationToken.None));

        var tool = await gateway.ListOneAsync(Tool("t", annotations: ReadOnly));
        Assert.Equal(level, tool.Level);
        Assert.Equal(ToolLevelReason.Override, tool.Reason);
        Assert.Equal(level, await gateway.FindAsync("t"));
    }

    [Fact]
    public async Task Override_Removed_BackToTheDefault()
    {
        var gateway = new GatewayHarness();
        await gateway.ListAsync(Tool("t", annotations: ReadOnly));
        await gateway.Admin.SetOverrideAsync(UpstreamName, "t", PermissionLevel.Deny, CancellationToken.None);

        await gateway.Admin.SetOverrideAsync(UpstreamName, "t", null, CancellationToken.None);

        Assert.Equal(PermissionLevel.Read, await gateway.FindAsync("t"));
    }

    [Fact]
    public async Task OverrideBeforeFirstListing_IsKept_AndTheDefinitionIsRecorded()
    {
        var gateway = new GatewayHarness();
        await gateway.Admin.SetOverrideAsync(UpstreamName, "wipe", PermissionLevel.Deny, CancellationToken.None);
        Assert.Equal(PermissionLevel.Deny, await gateway.FindAsync("wipe"));

        var tool = await gateway.ListOneAsync(Tool("wipe", annotations: ReadOnly));

        Assert.Equal(PermissionLevel.Deny, tool.Level);
        var record = (await gateway.Store.FindAsync(UpstreamName, "wipe", CancellationToken.None))!;
        Assert.Equal(ToolPolicyStatus.Approved, record.Status);
        Assert.NotNull(record.ApprovedFingerprint);
    }

    [Fact]
    public async Task Override_UnknownUpstream_Refused()
    {
        var gateway = new GatewayHarness();

        Assert.Equal(ToolPolicyOutcome.UnknownUpstream, await gateway.Admin.SetOverrideAsync("nope", "t", PermissionLevel.Read, CancellationToken.None));
    }

    [Fact]
    public async Task FindLevel_NeverSeen_Null()
    {
        var gateway = new GatewayHarness();

        Assert.Null(await gateway.FindAsync("ghost"));
        Assert.Null(await gateway.Catalog.FindLevelAsync(gateway.Upstream, "ghost", CancellationToken.None));
    }

    [Fact]
    public async Task FindLevel_WithTheUpstreamInHand_MatchesByName()
    {
        var gateway = new GatewayHarness();
        await gateway.ListAsync(Tool("t", annotations: NonDestructive));

        Assert.Equal(PermissionLevel.Write, await gateway.Catalog.FindLevelAsync(gateway.Upstream, "t", CancellationToken.None));
    }

    [Fact]
    public async Task Listing_SkipsEntriesWithoutAName_AndDeniesDuplicatedNames()
    {
        var gateway = new GatewayHarness();
        var nameless = System.Text.Json.JsonDocument.Parse("{\"description\":\"x\"}").RootElement;

        var levels = await gateway.ListAsync(nameless, Tool("dup", annotations: ReadOnly), Tool("dup", "Something else", ReadOnly), Tool("ok", annotations: ReadOnly));

        Assert.Equal(["dup", "ok"], levels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PermissionLevel.Deny, levels["dup"]);
        Assert.Equal(PermissionLevel.Read, levels["ok"]);
        Assert.Contains(gateway.Log.Entries, e => e.EventId == 6505);
    }
}
