using Mandate.Core.Approvals;
using Mandate.Core.Audit;
using Mandate.Core.Users;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class ApprovalsCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task List_ShowsPendingRequests_AllOrOnePersons()
    {
        await SeedAsync("a-1", "usr_alice", "BLUE-42");
        await SeedAsync("b-1", "usr_bob", null);

        var all = await data.RunAsync("approvals", "list", "--json");
        var alice = await data.RunAsync("approvals", "list", "--user", "alice", "--json");
        var table = await data.RunAsync("approvals", "list");

        Assert.Equal(["a-1", "b-1"], all.Json.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var only = Assert.Single(alice.Json.EnumerateArray());
        Assert.Equal("alice", only.GetProperty("user").GetString());
        Assert.Equal("ciba", only.GetProperty("kind").GetString());
        Assert.Equal("BLUE-42", only.GetProperty("binding_message").GetString());
        Assert.Contains("[BLUE-42]", table.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, (await data.RunAsync("approvals", "list", "--user", "nobody")).ExitCode);
    }

    [Fact]
    public async Task List_ShowsAHeldToolCall_WithItsArgumentsAndWhyItIsAsked()
    {
        await SeedAsync("a-1", "usr_alice", null);
        await data.Store<IApprovalStore>().CreateAsync(new ApprovalRequest
        {
            Id = "t-1",
            Kind = ApprovalKind.ToolCall,
            Subject = "usr_alice",
            ClientId = "agent",
            Upstream = "mail",
            Tool = "send_mail",
            ArgumentsDigest = "digest",
            ArgumentsPreview = """{"to":"bob@example.com"}""",
            Reason = "egress after private data requires approval",
            CreatedAt = DateTimeOffset.UtcNow.AddSeconds(2),
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(2),
        }, CancellationToken.None);

        var listed = await data.RunAsync("approvals", "list", "--json");
        var table = await data.RunAsync("approvals", "list");

        var call = listed.Json.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "t-1");
        Assert.Equal("tool_call", call.GetProperty("kind").GetString());
        Assert.Equal("""{"to":"bob@example.com"}""", call.GetProperty("arguments").GetString());
        Assert.Equal("egress after private data requires approval", call.GetProperty("reason").GetString());
        Assert.Contains("mail/send_mail", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ThenDeny_OnlyTheFirstDecisionCounts_AndBothAreAudited()
    {
        await SeedAsync("a-1", "usr_alice", null);
        await SeedAsync("a-2", "usr_alice", null);

        var approved = await data.RunAsync("approvals", "approve", "a-1");
        var late = await data.RunAsync("approvals", "deny", "a-1");
        var denied = await data.RunAsync("approvals", "deny", "a-2", "--json");
        var unknown = await data.RunAsync("approvals", "approve", "nope");

        Assert.Equal(0, approved.ExitCode);
        Assert.Contains("Approved a-1.", approved.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, late.ExitCode);
        Assert.Contains("No pending approval request a-1", late.Error, StringComparison.Ordinal);
        Assert.Equal("denied", denied.Json.GetProperty("status").GetString());
        Assert.NotEqual(0, unknown.ExitCode);
        var store = data.Store<IApprovalStore>();
        Assert.Equal(ApprovalStatus.Approved, (await store.FindAsync("a-1", CancellationToken.None))!.Status);
        Assert.Equal("cli", (await store.FindAsync("a-1", CancellationToken.None))!.DecidedBy);
        Assert.Equal(ApprovalStatus.Denied, (await store.FindAsync("a-2", CancellationToken.None))!.Status);
        var events = await data.Store<IAuditReader>().SearchAsync(new AuditQuery { Subject = "usr_alice" }, CancellationToken.None);
        Assert.Equal([ApprovalEvents.Approved, ApprovalEvents.Denied], events.Select(e => e.Event.Kind));
        Assert.Empty((await data.RunAsync("approvals", "list", "--json")).Json.EnumerateArray());
    }

    public void Dispose() => data.Dispose();

    private async Task SeedAsync(string id, string subject, string? bindingMessage)
    {
        await data.RunAsync("approvals", "list");
        var users = data.Store<IUserStore>();
        var username = subject["usr_".Length..];
        if (await users.FindByIdAsync(subject, CancellationToken.None) is null)
        {
            await users.AddAsync(new User { Id = subject, Username = username, PasswordHash = "x" }, CancellationToken.None);
        }

        var now = DateTimeOffset.UtcNow;
        await data.Store<IApprovalStore>().CreateAsync(new ApprovalRequest
        {
            Id = id,
            Kind = ApprovalKind.Ciba,
            Subject = subject,
            ClientId = "agent",
            BindingMessage = bindingMessage,
            Scope = "tools.read",
            CreatedAt = now.AddSeconds(id == "b-1" ? 1 : 0),
            ExpiresAt = now.AddMinutes(5),
        }, CancellationToken.None);
    }
}
