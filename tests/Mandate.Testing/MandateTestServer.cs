using Mandate.Core.Clients;
using Mandate.Core.Resources;
using Mandate.Core.Security;
using Mandate.Core.Users;
using Mandate.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Testing;

/// <summary>
/// A real Mandate server (Kestrel) on 127.0.0.1 with a free port and a temporary data directory, deleted on dispose.
/// Seed it through its own services, as the CLI would.
/// </summary>
public sealed class MandateTestServer : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly WebApplication app;

    private MandateTestServer(WebApplication app, string baseUrl, string issuer, string dataDir)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Issuer = issuer;
        DataDir = dataDir;
    }

    /// <summary>Where the server listens (scheme, host and port; no path).</summary>
    public string BaseUrl { get; }

    /// <summary>The issuer: <see cref="BaseUrl"/> plus the issuer path, if one was given.</summary>
    public string Issuer { get; }

    public string DataDir { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="overrides">Configuration keys (e.g. "Tokens:RefreshReuseGrace") applied last.</param>
    /// <param name="configureServices">Replace services (e.g. a fake TimeProvider).</param>
    /// <param name="issuerPath">A path for the issuer (e.g. "/tenant"): the issuer becomes the listening URL plus it.</param>
    public static async Task<MandateTestServer> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null,
        string issuerPath = "")
    {
        // The free port is released before Kestrel binds it, so a test running alongside can take it first: try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(overrides, configureServices, issuerPath);
            }
            catch (IOException ex) when (attempt < 3 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<MandateTestServer> StartOnceAsync(IReadOnlyDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices, string issuerPath)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var issuer = baseUrl + issuerPath;
        var dataDir = Path.Combine(Path.GetTempPath(), "mandate-test-" + Guid.NewGuid().ToString("N"));
        var settings = new ServerSettings
        {
            Urls = baseUrl,
            Issuer = issuerPath.Length > 0 ? issuer : null,
            DataDir = dataDir,
            EnvironmentName = "Test",
            Overrides = overrides ?? new Dictionary<string, string?>(),
        };
        WebApplication? app = null;
        try
        {
            app = MandateServer.Build(settings, configureServices);
            await app.StartAsync();
            return new MandateTestServer(app, baseUrl, issuer, dataDir);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            DeleteDirectory(dataDir);
            throw;
        }
    }

    public async Task<User> AddUserAsync(string username = "alice", string password = Password)
    {
        var user = new User
        {
            Id = "usr_" + RandomTokens.Create(9),
            Username = username,
            PasswordHash = PasswordHasher.Hash(password),
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        };
        if (!await Services.GetRequiredService<IUserStore>().AddAsync(user, CancellationToken.None))
        {
            throw new InvalidOperationException($"User {username} exists.");
        }

        return user;
    }

    public async Task<ProtectedResource> AddResourceAsync(string uri, params string[] scopes)
    {
        var resource = new ProtectedResource { Uri = uri, Name = "Test resource " + uri, Scopes = scopes, CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };
        await Services.GetRequiredService<IResourceStore>().UpsertAsync(resource, CancellationToken.None);
        return resource;
    }

    /// <summary>Registers a client as the CLI does; returns it with its one-time secret (null for public clients).</summary>
    public async Task<(OAuthClient Client, string? Secret)> AddClientAsync(ClientMetadata metadata, IReadOnlyList<string>? mayExchangeTo = null)
    {
        var registration = await Services.GetRequiredService<ClientRegistrationService>().RegisterAsync(metadata, ClientSource.Registered, CancellationToken.None, mayExchangeTo);
        return registration.Client is null
            ? throw new InvalidOperationException("Client rejected: " + registration.Error?.Description)
            : (registration.Client, registration.Secret);
    }

    public Task<(OAuthClient Client, string? Secret)> AddPublicClientAsync(string redirectUri, params string[] grantTypes) =>
        AddClientAsync(new ClientMetadata
        {
            ClientName = "Public test client",
            RedirectUris = [redirectUri],
            GrantTypes = grantTypes.Length > 0 ? grantTypes : [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.None,
        });

    public Task<(OAuthClient Client, string? Secret)> AddConfidentialClientAsync(string redirectUri, string? scope = null, params string[] grantTypes) =>
        AddClientAsync(new ClientMetadata
        {
            ClientName = "Confidential test client",
            RedirectUris = [redirectUri],
            GrantTypes = grantTypes.Length > 0 ? grantTypes : [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            Scope = scope,
        });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        DeleteDirectory(DataDir);
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
