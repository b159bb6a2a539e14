using Mandate.Core.Approvals;
using Mandate.Core.OAuth.Ciba;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class CibaRequestStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfCibaRequestStore Store => new(Factory);

    private EfApprovalStore Approvals => new(Factory);

    [Fact]
    public async Task Add_ThenFindByHash_RoundTrips()
    {
        var request = await AddAsync("a1", CibaDeliveryMode.Ping) with { };

        Assert.Equal(request, await Store.FindByAuthReqIdHashAsync("hash-a1", CancellationToken.None));
        Assert.Null(await Store.FindByAuthReqIdHashAsync("hash-nope", CancellationToken.None));
    }

    [Fact]
    public async Task RecordPoll_FirstInTime_ThenTooSoonRaisesIntervalByFive_ThenInTimeAfterTheNewInterval()
    {
        await AddAsync("a1", CibaDeliveryMode.Poll);

        Assert.Equal(CibaPollOutcome.InTime, await Store.RecordPollAsync("a1", Now, CancellationToken.None));
        Assert.Equal(CibaPollOutcome.TooSoon, await Store.RecordPollAsync("a1", Now.AddSeconds(2), CancellationToken.None));

        var slowed = (await Store.FindByAuthReqIdHashAsync("hash-a1", CancellationToken.None))!;
        Assert.Equal(10, slowed.IntervalSeconds);
        Assert.Equal(Now.AddSeconds(12), slowed.NextPollAt);
        Assert.Equal(CibaPollOutcome.TooSoon, await Store.RecordPollAsync("a1", Now.AddSeconds(11), CancellationToken.None));
        Assert.Equal(CibaPollOutcome.InTime, await Store.RecordPollAsync("a1", Now.AddSeconds(11 + 15), CancellationToken.None));
    }

    [Fact]
    public async Task RecordPoll_TenAtOnce_AtMostOneInTime()
    {
        await AddAsync("a1", CibaDeliveryMode.Poll);
        var other = new EfCibaRequestStore(await Database.OpenAnotherAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).RecordPollAsync("a1", Now, CancellationToken.None))));

        Assert.True(results.Count(r => r == CibaPollOutcome.InTime) <= 1);
        Assert.Contains(CibaPollOutcome.TooSoon, results);
    }

    [Fact]
    public async Task ListUnnotifiedPings_DecidedPingOnly_UntilMarked()
    {
        await AddAsync("ping-decided", CibaDeliveryMode.Ping);
        await AddAsync("ping-pending", CibaDeliveryMode.Ping);
        await AddAsync("poll-decided", CibaDeliveryMode.Poll);
        await AddAsync("ping-redeemed", CibaDeliveryMode.Ping);
        await Approvals.DecideAsync("ping-redeemed", "cli", approve: true, null, Now, CancellationToken.None);
        await Approvals.ConsumeAsync("ping-redeemed", Now, CancellationToken.None);
        await Approvals.DecideAsync("ping-decided", "cli", approve: false, null, Now, CancellationToken.None);
        await Approvals.DecideAsync("poll-decided", "cli", approve: true, null, Now, CancellationToken.None);

        Assert.Equal(["ping-decided"], (await Store.ListUnnotifiedPingsAsync(CancellationToken.None)).Select(r => r.ApprovalId));

        Assert.True(await Store.MarkNotifiedAsync("ping-decided", Now, CancellationToken.None));
        Assert.False(await Store.MarkNotifiedAsync("ping-decided", Now, CancellationToken.None));
        Assert.Empty(await Store.ListUnnotifiedPingsAsync(CancellationToken.None));
    }

    private async Task<CibaRequest> AddAsync(string id, CibaDeliveryMode mode)
    {
        await Approvals.CreateAsync(new ApprovalRequest { Id = id, Kind = ApprovalKind.Ciba, Subject = "alice", ClientId = "c1", CreatedAt = Now, ExpiresAt = Now.AddMinutes(5) }, CancellationToken.None);
        var request = new CibaRequest
        {
            ApprovalId = id,
            AuthReqIdHash = "hash-" + id,
            ClientId = "c1",
            Resource = "https://mandate.example/mcp/github",
            DeliveryMode = mode,
            ProtectedNotificationToken = mode == CibaDeliveryMode.Ping ? "protected" : null,
            ProtectedAuthReqId = mode == CibaDeliveryMode.Ping ? "protected-id" : null,
            IntervalSeconds = 5,
        };
        await Store.AddAsync(request, CancellationToken.None);
        return request;
    }
}
