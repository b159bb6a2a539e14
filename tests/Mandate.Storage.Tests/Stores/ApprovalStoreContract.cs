using Mandate.Core.Approvals;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ApprovalStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfApprovalStore Store => new(Factory);

    [Fact]
    public async Task Create_ThenFind_RoundTripsEveryField()
    {
        var request = Request("a1") with
        {
            Kind = ApprovalKind.ToolCall,
            ActChain = """{"sub":"agent"}""",
            BindingMessage = "W7",
            Scope = "mcp:read",
            AuthorizationDetails = """[{"type":"mandate"}]""",
            Upstream = "github",
            Tool = "create_issue",
            ArgumentsDigest = "digest",
            ArgumentsPreview = """{"title":"x"}""",
        };

        await Store.CreateAsync(request, CancellationToken.None);

        Assert.Equal(request, await Store.FindAsync("a1", CancellationToken.None));
        Assert.Null(await Store.FindAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task ListPending_OnlyPendingUnexpired_OfTheSubject_OldestFirst()
    {
        await Store.CreateAsync(Request("new", "alice") with { CreatedAt = Now.AddSeconds(2) }, CancellationToken.None);
        await Store.CreateAsync(Request("old", "alice") with { CreatedAt = Now.AddSeconds(1) }, CancellationToken.None);
        await Store.CreateAsync(Request("bob", "bob"), CancellationToken.None);
        await Store.CreateAsync(Request("expired", "alice") with { ExpiresAt = Now }, CancellationToken.None);
        await Store.CreateAsync(Request("denied", "alice") with { Status = ApprovalStatus.Denied }, CancellationToken.None);

        Assert.Equal(["old", "new"], (await Store.ListPendingAsync("alice", Now, CancellationToken.None)).Select(r => r.Id));
        Assert.Equal(["bob", "old", "new"], (await Store.ListPendingAsync(null, Now, CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Decide_Approve_RecordsWhoAndWhen_Once()
    {
        await Store.CreateAsync(Request("a1"), CancellationToken.None);

        Assert.True(await Store.DecideAsync("a1", "console:alice", approve: true, "alice", Now.AddSeconds(5), CancellationToken.None));
        Assert.False(await Store.DecideAsync("a1", "cli", approve: false, null, Now.AddSeconds(6), CancellationToken.None));

        var decided = (await Store.FindAsync("a1", CancellationToken.None))!;
        Assert.Equal(ApprovalStatus.Approved, decided.Status);
        Assert.Equal("console:alice", decided.DecidedBy);
        Assert.Equal(Now.AddSeconds(5), decided.DecidedAt);
    }

    [Fact]
    public async Task Decide_SomeoneElsesOrExpiredOrUnknown_ChangesNothing()
    {
        await Store.CreateAsync(Request("a1", "alice"), CancellationToken.None);

        Assert.False(await Store.DecideAsync("a1", "console:bob", approve: true, "bob", Now, CancellationToken.None));
        Assert.False(await Store.DecideAsync("a1", "cli", approve: true, null, Now.AddMinutes(10), CancellationToken.None));
        Assert.False(await Store.DecideAsync("nope", "cli", approve: true, null, Now, CancellationToken.None));
        Assert.Equal(ApprovalStatus.Pending, (await Store.FindAsync("a1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Decide_Deny_ThenConsume_Refused()
    {
        await Store.CreateAsync(Request("a1"), CancellationToken.None);

        Assert.True(await Store.DecideAsync("a1", "cli", approve: false, null, Now, CancellationToken.None));

        Assert.Equal(ApprovalStatus.Denied, (await Store.FindAsync("a1", CancellationToken.None))!.Status);
        Assert.False(await Store.ConsumeAsync("a1", Now, CancellationToken.None));
    }

    [Fact]
    public async Task Consume_PendingOrExpired_Refused()
    {
        await Store.CreateAsync(Request("a1"), CancellationToken.None);
        Assert.False(await Store.ConsumeAsync("a1", Now, CancellationToken.None));

        await Store.DecideAsync("a1", "cli", approve: true, null, Now, CancellationToken.None);
        Assert.False(await Store.ConsumeAsync("a1", Now.AddMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task Consume_TwentyInParallelFromTwoProcesses_ExactlyOneWins()
    {
        await Store.CreateAsync(Request("a1"), CancellationToken.None);
        await Store.DecideAsync("a1", "cli", approve: true, null, Now, CancellationToken.None);
        var other = new EfApprovalStore(await Database.OpenAnotherAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).ConsumeAsync("a1", Now, CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
        var consumed = (await Store.FindAsync("a1", CancellationToken.None))!;
        Assert.Equal(ApprovalStatus.Consumed, consumed.Status);
        Assert.Equal(Now, consumed.ConsumedAt);
    }

    [Fact]
    public async Task Decide_ApproveAndDenyRacing_ExactlyOneWins()
    {
        await Store.CreateAsync(Request("a1"), CancellationToken.None);
        var other = new EfApprovalStore(await Database.OpenAnotherAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).DecideAsync("a1", "d" + i, i % 2 == 0, null, Now, CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task ExpireDue_PendingAndApprovedPastExpiry_OnlyThoseAndOnlyOnce()
    {
        await Store.CreateAsync(Request("pending-due") with { ExpiresAt = Now }, CancellationToken.None);
        await Store.CreateAsync(Request("approved-due") with { ExpiresAt = Now, Status = ApprovalStatus.Approved }, CancellationToken.None);
        await Store.CreateAsync(Request("denied-due") with { ExpiresAt = Now, Status = ApprovalStatus.Denied }, CancellationToken.None);
        await Store.CreateAsync(Request("consumed-due") with { ExpiresAt = Now, Status = ApprovalStatus.Consumed }, CancellationToken.None);
        await Store.CreateAsync(Request("pending-later"), CancellationToken.None);

        var expired = await Store.ExpireDueAsync(Now, CancellationToken.None);

        Assert.Equal(["approved-due", "pending-due"], expired.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(expired, r => Assert.Equal(ApprovalStatus.Expired, r.Status));
        Assert.Equal(ApprovalStatus.Expired, (await Store.FindAsync("pending-due", CancellationToken.None))!.Status);
        Assert.Equal(ApprovalStatus.Denied, (await Store.FindAsync("denied-due", CancellationToken.None))!.Status);
        Assert.Equal(ApprovalStatus.Pending, (await Store.FindAsync("pending-later", CancellationToken.None))!.Status);
        Assert.Empty(await Store.ExpireDueAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteFinished_OnlyFinishedAndOldEnough_WithTheirCibaRows()
    {
        await Store.CreateAsync(Request("old-denied") with { Status = ApprovalStatus.Denied, ExpiresAt = Now.AddDays(-2) }, CancellationToken.None);
        await Store.CreateAsync(Request("old-consumed") with { Status = ApprovalStatus.Consumed, ExpiresAt = Now.AddDays(-2) }, CancellationToken.None);
        await Store.CreateAsync(Request("old-approved") with { Status = ApprovalStatus.Approved, ExpiresAt = Now.AddDays(-2) }, CancellationToken.None);
        await Store.CreateAsync(Request("recent-denied") with { Status = ApprovalStatus.Denied }, CancellationToken.None);
        await new EfCibaRequestStore(Factory).AddAsync(new Core.OAuth.Ciba.CibaRequest
        {
            ApprovalId = "old-denied", AuthReqIdHash = "h", ClientId = "c1", Resource = "r", DeliveryMode = Core.OAuth.Ciba.CibaDeliveryMode.Poll, IntervalSeconds = 5,
        }, CancellationToken.None);

        Assert.Equal(2, await Store.DeleteFinishedAsync(Now.AddDays(-1), CancellationToken.None));

        Assert.Null(await Store.FindAsync("old-denied", CancellationToken.None));
        Assert.Null(await Store.FindAsync("old-consumed", CancellationToken.None));
        Assert.NotNull(await Store.FindAsync("old-approved", CancellationToken.None));
        Assert.NotNull(await Store.FindAsync("recent-denied", CancellationToken.None));
        Assert.Null(await new EfCibaRequestStore(Factory).FindByAuthReqIdHashAsync("h", CancellationToken.None));
    }

    private static ApprovalRequest Request(string id, string subject = "alice") => new()
    {
        Id = id,
        Kind = ApprovalKind.Ciba,
        Subject = subject,
        ClientId = "c1",
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(5),
    };
}
