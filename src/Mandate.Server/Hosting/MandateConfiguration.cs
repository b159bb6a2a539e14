using Mandate.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Mandate.Server.Hosting;

/// <summary>
/// Builds configuration the same way for the server and the CLI: defaults, then MANDATE_* environment variables,
/// then flags. The issuer defaults to the listening URL.
/// </summary>
public static class MandateConfiguration
{
    public const string EnvironmentPrefix = "MANDATE_";

    public static void Apply(IConfigurationBuilder builder, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (settings.Urls is not null)
        {
            flags["Urls"] = settings.Urls;
        }

        if (settings.Issuer is not null)
        {
            flags["Issuer"] = settings.Issuer;
        }

        if (settings.DataDir is not null)
        {
            flags["DataDir"] = settings.DataDir;
        }

        builder.AddInMemoryCollection(flags);
        builder.AddInMemoryCollection(settings.Overrides);
    }

    /// <summary>Reads Urls and Issuer, deriving the issuer from the first URL when it is not set.</summary>
    public static (string Urls, string Issuer) ResolveEndpoints(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = configuration["Urls"] ?? MandateOptions.DefaultUrl;
        var issuer = configuration["Issuer"];
        if (string.IsNullOrEmpty(issuer))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            issuer = first.TrimEnd('/');
        }

        return (urls, issuer);
    }
}
