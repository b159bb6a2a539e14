using System.CommandLine;
using Mandate.Core;
using Mandate.Core.Configuration;
using Mandate.Server.Hosting;
using Mandate.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Cli;

/// <summary>
/// The services an admin command needs, over the same data directory and configuration the server uses, with the
/// store migrated first. Changes land in the shared store, where a running server sees them within seconds.
/// </summary>
public sealed class AdminContext : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private AdminContext(ServiceProvider provider, bool json)
    {
        this.provider = provider;
        Json = json;
    }

    public bool Json { get; }

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public static async Task<AdminContext> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var configuration = new ConfigurationBuilder();
        MandateConfiguration.Apply(configuration, new ServerSettings { DataDir = parse.GetValue(CommonOptions.DataDir) });
        var config = configuration.Build();
        var (_, issuer) = MandateConfiguration.ResolveEndpoints(config);
        config["Issuer"] = issuer;
        var dataDir = config["DataDir"] ?? new MandateOptions().DataDir;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error));
        services.AddOptions<MandateOptions>().Bind(config);
        services.AddMandateCore(dataDir);
        services.AddMandateSqliteStorage(dataDir);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(cancellationToken);
        return new AdminContext(provider, parse.GetValue(CommonOptions.Json));
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
