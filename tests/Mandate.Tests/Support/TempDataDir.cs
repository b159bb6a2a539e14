using Mandate.Server.Security;
using Mandate.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Tests.Support;

/// <summary>A fresh data directory, deleted afterwards; <see cref="Store{T}"/> reads what the CLI wrote.</summary>
public sealed class TempDataDir : IDisposable
{
    private ServiceProvider? services;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mandate-cli-" + Guid.NewGuid().ToString("N"));

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Path, args);

    public Task<CliResult> RunWithInputAsync(string stdin, params string[] args) => CliRunner.RunWithInputAsync(Path, stdin, args);

    /// <summary>A store over the same database (run a command first so it exists).</summary>
    public T Store<T>()
        where T : notnull
    {
        if (services is null)
        {
            var collection = new ServiceCollection();
            collection.AddMandateSqliteStorage(Path);
            collection.AddMandateSecretProtection(Path);
            services = collection.BuildServiceProvider();
        }

        return services.GetRequiredService<T>();
    }

    public void Dispose()
    {
        services?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
