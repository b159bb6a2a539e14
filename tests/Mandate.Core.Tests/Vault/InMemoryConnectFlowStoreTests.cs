using Mandate.Core.Vault.Connect;

namespace Mandate.Core.Tests.Vault;

public sealed class InMemoryConnectFlowStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_IsSingleUse()
    {
        var store = new InMemoryConnectFlowStore();
        store.Add("state-1", Pending(Now.AddMinutes(10)), Now);

        Assert.Equal("alice", store.Take("state-1", Now)!.UserId);
        Assert.Null(store.Take("state-1", Now));
        Assert.Null(store.Take("state-2", Now));
    }

    [Fact]
    public void Take_AfterExpiry_IsNull()
    {
        var store = new InMemoryConnectFlowStore();
        store.Add("state-1", Pending(Now.AddMinutes(10)), Now);

        Assert.Null(store.Take("state-1", Now.AddMinutes(10)));
    }

    private static PendingConnect Pending(DateTimeOffset expiresAt) => new("alice", "1700000000", "calendar", "verifier", "https://as.example/connections/callback", expiresAt);
}
