using System.CommandLine;
using Mandate.Core;
using Mandate.Core.Configuration;
using Mandate.Server.Gateway.Upstreams;
using Mandate.Server.Hosting;
using Mandate.Server.Security;
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

    private AdminContext(ServiceProvider provider, bool json, string issuer, string dataDir)
    {
        this.provider = provider;
        Json = json;
        Issuer = issuer;
        DataDir = dataDir;
    }

    public bool Json { get; }

    /// <summary>The data directory, as the server resolves it.</summary>
    public string DataDir { get; }

    /// <summary>The issuer as the server would resolve it (MANDATE_Issuer, MANDATE_Urls, or a command's --issuer).</summary>
    public string Issuer { get; }

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public static Task<AdminContext> OpenAsync(ParseResult parse, CancellationToken cancellationToken) => OpenAsync(parse, null, cancellationToken);

    /// <param name="issuer">A command's --issuer, which wins over configuration like `serve --issuer` does.</param>
    public static async Task<AdminContext> OpenAsync(ParseResult parse, string? issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var configuration = new ConfigurationBuilder();
        MandateConfiguration.Apply(configuration, new ServerSettings { DataDir = parse.GetValue(CommonOptions.DataDir), Issuer = issuer });
        var config = configuration.Build();
        var (_, resolvedIssuer) = MandateConfiguration.ResolveEndpoints(config);
        config["Issuer"] = resolvedIssuer;
        var dataDir = config["DataDir"] ?? new MandateOptions().DataDir;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error));
        services.AddOptions<MandateOptions>().Bind(config);
        services.AddMandateCore(dataDir);
        services.AddMandateSqliteStorage(dataDir);
        services.AddMandateSecretProtection(dataDir);
        services.AddMandateUpstreamToolSource();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(cancellationToken);
        return new AdminContext(provider, parse.GetValue(CommonOptions.Json), resolvedIssuer, dataDir);
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
