using Mandate.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Security;

public static class SecretProtectionServiceCollectionExtensions
{
    /// <summary>The data-protection application name: the server and the CLI must use the same one to share keys.</summary>
    public const string ApplicationName = "Mandate";

    /// <summary>
    /// Data protection with keys in {data-dir}/data-protection (cookies, antiforgery, stored secrets) and the
    /// <see cref="ISecretProtector"/> over it. The server and the CLI both call this, so they read each other's values.
    /// </summary>
    public static IServiceCollection AddMandateSecretProtection(this IServiceCollection services, string dataDirectory)
    {
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection")))
            .SetApplicationName(ApplicationName);
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
