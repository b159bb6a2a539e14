using System.Threading.Channels;
using Mandate.Core.Approvals;
using Mandate.Core.Tests.Fakes;
using Mandate.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mandate.Core.Tests.Approvals;

public sealed class ApprovalServiceTests : IAsyncLifetime
{
    private readonly RecordingAuditSink audit = new();
    private readonly ChannelNotifier notifier = new();
    private CoreHarness harness = null!;
    private ApprovalService service = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync(sqlite: true);
        service = new ApprovalService(harness.Get<IApprovalStore>(), [notifier], new InProcessApprovalSignal(harness.Time), audit, harness.Time, NullLogger<ApprovalService>.Instance);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Create_RecordsRequested_AndNotifies()
    {
        var request = Request();

        await service.CreateAsync(request, CancellationToken.None);

        var recorded = Assert.Single(audit.Events);
        Assert.Equal(ApprovalEvents.Requested, recorded.Kind);
        Assert.Equal("alice", recorded.Subject);
        Assert.Equal("agent", recorded.ClientId);
        Assert.Contains(request.Id, recorded.Reason, StringComparison.Ordinal);
        Assert.Equal(request.Id, (await notifier.Seen.Reader.ReadAsync()).Id);
    }

    [Fact]
    public async Task Decide_ByOwner_RecordsApproved_AndOnlyOnce()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);

        Assert.True(await service.DecideAsync(request.Id, "console:alice", approve: true, "alice", CancellationToken.None));
        Assert.False(await service.DecideAsync(request.Id, "console:alice", approve: false, "alice", CancellationToken.None));

        Assert.Equal([ApprovalEvents.Requested, ApprovalEvents.Approved], audit.Events.Select(e => e.Kind));
        Assert.Contains("console:alice", audit.Events.Last().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_ByAnotherPerson_Refused_NothingRecorded()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);

        Assert.False(await service.DecideAsync(request.Id, "console:bob", approve: true, "bob", CancellationToken.None));

        Assert.Equal([ApprovalEvents.Requested], audit.Events.Select(e => e.Kind));
        Assert.Equal(ApprovalStatus.Pending, (await service.FindAsync(request.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Deny_ThenConsume_False_RecordsDenied()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);

        Assert.True(await service.DecideAsync(request.Id, "cli", approve: false, null, CancellationToken.None));

        Assert.False(await service.ConsumeAsync(request.Id, CancellationToken.None));
        Assert.Equal(ApprovalEvents.Denied, audit.Events.Last().Kind);
        Assert.Equal("deny", audit.Events.Last().Decision);
    }

    [Fact]
    public async Task Consume_Approved_RecordsConsumedOnce()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);
        await service.DecideAsync(request.Id, "cli", approve: true, null, CancellationToken.None);

        Assert.True(await service.ConsumeAsync(request.Id, CancellationToken.None));
        Assert.False(await service.ConsumeAsync(request.Id, CancellationToken.None));

        Assert.Single(audit.Events, e => e.Kind == ApprovalEvents.Consumed);
    }

    [Fact]
    public async Task ExpireDue_AfterTheExpiry_RecordsExpired()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);
        Assert.Empty(await service.ExpireDueAsync(CancellationToken.None));

        harness.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal([request.Id], (await service.ExpireDueAsync(CancellationToken.None)).Select(r => r.Id));
        Assert.Equal(ApprovalEvents.Expired, audit.Events.Last().Kind);
        Assert.False(await service.DecideAsync(request.Id, "cli", approve: true, null, CancellationToken.None));
    }

    [Fact]
    public async Task WaitForDecision_WokenByADecisionInThisProcess()
    {
        var request = Request();
        await service.CreateAsync(request, CancellationToken.None);

        var waiting = service.WaitForDecisionAsync(request.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        await service.DecideAsync(request.Id, "cli", approve: true, null, CancellationToken.None);

        Assert.Equal(ApprovalStatus.Approved, (await waiting)!.Status);
    }

    [Fact]
    public async Task FindAndDecide_ImplausibleIds_RefusedWithoutAStoreHit()
    {
        Assert.Null(await service.FindAsync("../../etc", CancellationToken.None));
        Assert.False(await service.DecideAsync(new string('a', 65), "cli", approve: true, null, CancellationToken.None));
    }

    private ApprovalRequest Request() => new()
    {
        Id = ApprovalIds.Create(),
        Kind = ApprovalKind.Ciba,
        Subject = "alice",
        ClientId = "agent",
        BindingMessage = "W7",
        CreatedAt = harness.Time.GetUtcNow(),
        ExpiresAt = harness.Time.GetUtcNow().AddMinutes(5),
    };

    private sealed class ChannelNotifier : IApprovalNotifier
    {
        public Channel<ApprovalRequest> Seen { get; } = Channel.CreateUnbounded<ApprovalRequest>();

        public Task NotifyAsync(ApprovalRequest request, CancellationToken cancellationToken) => Seen.Writer.WriteAsync(request, cancellationToken).AsTask();
    }
}
