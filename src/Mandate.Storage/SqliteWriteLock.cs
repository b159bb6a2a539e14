namespace Mandate.Storage;

/// <summary>
/// One write transaction at a time per SQLite database within this process (the ledger's and the call counters'
/// group-commit writers share it). SQLite allows one writer anyway; waiting here is an async hand-over, whereas two
/// connections racing for the file lock get SQLITE_BUSY, which Microsoft.Data.Sqlite retries by sleeping 150 ms on a
/// blocked thread. Other processes on the same file still queue on SQLite's own lock.
/// </summary>
public sealed class SqliteWriteLock : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

    public void Release() => gate.Release();

    public void Dispose() => gate.Dispose();
}
