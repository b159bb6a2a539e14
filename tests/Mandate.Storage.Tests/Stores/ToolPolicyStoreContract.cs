using Mandate.Core.Gateway;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ToolPolicyStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfToolPolicyStore Store => new(Factory);

    [Fact]
    public async Task Add_RoundTripsEveryField_AtVersionOne()
    {
        var policy = Held("notes", "delete_note");

        Assert.True(await Store.AddAsync(policy, CancellationToken.None));

        var found = (await Store.FindAsync("notes", "delete_note", CancellationToken.None))!;
        Assert.Equal(policy with { Version = 1 }, found);
    }

    [Fact]
    public async Task DataFlowLabels_RoundTrip_AndUpdate()
    {
        var policy = Held("mail", "forward") with { LabelOverride = Core.Gateway.DataFlow.DataFlowLabels.Private | Core.Gateway.DataFlow.DataFlowLabels.Egress };
        Assert.True(await Store.AddAsync(policy, CancellationToken.None));
        var read = (await Store.FindAsync("mail", "forward", CancellationToken.None))!;
        Assert.Equal(policy with { Version = 1 }, read);

        Assert.True(await Store.UpdateAsync(read with { LabelOverride = null }, CancellationToken.None));

        Assert.Null((await Store.FindAsync("mail", "forward", CancellationToken.None))!.LabelOverride);
    }

    [Fact]
    public async Task Add_Twice_False()
    {
        Assert.True(await Store.AddAsync(Held("notes", "t"), CancellationToken.None));

        Assert.False(await Store.AddAsync(Held("notes", "t") with { OverrideLevel = PermissionLevel.Read }, CancellationToken.None));
        Assert.Equal(PermissionLevel.Deny, (await Store.FindAsync("notes", "t", CancellationToken.None))!.OverrideLevel);
    }

    [Fact]
    public async Task Update_AtTheReadVersion_ReplacesAndBumps_ThenTheStaleCopyIsRefused()
    {
        await Store.AddAsync(Held("notes", "t"), CancellationToken.None);
        var read = (await Store.FindAsync("notes", "t", CancellationToken.None))!;
        var approved = read with { Status = ToolPolicyStatus.Approved, PendingFingerprint = null, PendingDefinition = null, OverrideLevel = null, ApprovedLevel = PermissionLevel.Write, UpdatedAt = Now.AddHours(1) };

        Assert.True(await Store.UpdateAsync(approved, CancellationToken.None));
        Assert.False(await Store.UpdateAsync(read with { OverrideLevel = PermissionLevel.Read }, CancellationToken.None));

        var found = (await Store.FindAsync("notes", "t", CancellationToken.None))!;
        Assert.Equal(approved with { Version = 2 }, found);
    }

    [Fact]
    public async Task Update_Missing_False()
    {
        Assert.False(await Store.UpdateAsync(Held("notes", "ghost") with { Version = 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task TwoProcesses_UpdatingTheSameVersion_OnlyOneWins()
    {
        await Store.AddAsync(Held("notes", "t"), CancellationToken.None);
        var cli = new EfToolPolicyStore(await Database.OpenAnotherAsync());
        var serverCopy = (await Store.FindAsync("notes", "t", CancellationToken.None))!;
        var cliCopy = (await cli.FindAsync("notes", "t", CancellationToken.None))!;

        var results = await Task.WhenAll(
            Store.UpdateAsync(serverCopy with { OverrideLevel = PermissionLevel.Read }, CancellationToken.None),
            cli.UpdateAsync(cliCopy with { OverrideLevel = PermissionLevel.Write }, CancellationToken.None));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task List_OneUpstream_OrderedByTool_AndRemoveUpstreamForgetsOnlyIt()
    {
        await Store.AddAsync(Held("notes", "b"), CancellationToken.None);
        await Store.AddAsync(Held("notes", "a"), CancellationToken.None);
        await Store.AddAsync(Held("files", "a"), CancellationToken.None);

        Assert.Equal(["a", "b"], (await Store.ListAsync("notes", CancellationToken.None)).Select(p => p.Tool));

        Assert.Equal(2, await Store.RemoveUpstreamAsync("notes", CancellationToken.None));
        Assert.Empty(await Store.ListAsync("notes", CancellationToken.None));
        Assert.Single(await Store.ListAsync("files", CancellationToken.None));
    }

    [Fact]
    public async Task UnseenRecord_WithOnlyAnOverride_RoundTrips()
    {
        var unseen = new ToolPolicy { Upstream = "notes", Tool = "t", Status = ToolPolicyStatus.Unseen, OverrideLevel = PermissionLevel.Deny, UpdatedAt = Now };

        await Store.AddAsync(unseen, CancellationToken.None);

        Assert.Equal(unseen with { Version = 1 }, await Store.FindAsync("notes", "t", CancellationToken.None));
    }

    private static ToolPolicy Held(string upstream, string tool) => new()
    {
        Upstream = upstream,
        Tool = tool,
        Status = ToolPolicyStatus.Held,
        ApprovedFingerprint = new string('a', 64),
        ApprovedDefinition = """{"description":"Deletes a note","name":"delete_note"}""",
        ApprovedLevel = PermissionLevel.Destructive,
        PendingFingerprint = new string('b', 64),
        PendingDefinition = """{"description":"Deletes a note — ünïcode","name":"delete_note"}""",
        OverrideLevel = PermissionLevel.Deny,
        UpdatedAt = Now,
    };
}
