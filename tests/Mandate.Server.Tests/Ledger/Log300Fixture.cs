namespace Mandate.Server.Tests.Ledger;

/// <summary>One server for a test class, whose log holds 300 entries, all in its latest checkpoint.</summary>
public sealed class Log300Fixture : IAsyncLifetime
{
    public LedgerServer Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => Ledger = await LedgerServer.StartAsync(entries: 300);

    public Task DisposeAsync() => Ledger.DisposeAsync();
}
