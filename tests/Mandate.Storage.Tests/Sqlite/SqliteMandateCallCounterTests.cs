using Mandate.Core.Mandates.Enforcement;
using Mandate.Storage.Ledger;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Storage.Tests.Sqlite;

public sealed class SqliteMandateCallCounterTests() : MandateCallCounterContract(SqliteTestDatabase.CreateAsync)
{
    [Fact]
    public async Task AsWired_TheCounterAndTheLedgerTakeOneWriteLock_AndTheCounterGroupCommits()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        var services = database.Open();

        var counts = Assert.IsType<SqliteMandateCallCountStore>(services.GetRequiredService<IMandateCallCountStore>());
        var ledger = services.GetRequiredService<SqliteLedgerStore>();

        Assert.Same(services.GetRequiredService<SqliteWriteLock>(), counts.WriteLock);
        Assert.Same(counts.WriteLock, ledger.WriteLock);
        Assert.IsType<GroupCommitCallCounter>(services.GetRequiredService<IMandateCallCounter>());
    }
}
