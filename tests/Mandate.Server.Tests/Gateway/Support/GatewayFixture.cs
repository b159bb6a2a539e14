using Mandate.Core.Audit;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Keys;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.AspNetCore;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>
/// Mandate with the gateway in front of: "notes" (the C# SDK, stateful, trusted annotations, an API key header),
/// "stateless" (the C# SDK, stateless), "untrusted" (the same server, annotations not believed), "raw" (a hand-written
/// upstream tests steer), and "down" (nothing listens). The stores the policy helper owns are test doubles here.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string ApiKey = "upstream-secret-key";
    public const string AllowedOrigin = "https://inspector.example";

    private MandateTestServer? server;

    public MandateTestServer Server => server ?? throw new InvalidOperationException("Not started.");

    public McpUpstream Notes { get; private set; } = null!;

    public McpUpstream Stateless { get; private set; } = null!;

    public RawUpstream Raw { get; private set; } = null!;

    public FakeUpstreamStore Upstreams { get; } = new();

    public FakeToolCatalog Catalog { get; } = new();

    public SdkToolSource ToolSource { get; } = new();

    public RecordingAuditSink Audit { get; } = new();

    public TokenValidationCounter Validations { get; private set; } = null!;

    /// <summary>Set by fixtures that control time; null means the system clock.</summary>
    protected virtual FakeTimeProvider? Time => null;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:UpstreamTimeout"] = "00:00:02",
        ["Gateway:ClientRequestsPerMinute"] = "0",
        ["Gateway:UserRequestsPerMinute"] = "0",
        ["Gateway:AllowedOrigins:0"] = AllowedOrigin,

        // A call held for approval that no test decides ends quickly (fixtures about approvals wait longer).
        ["Gateway:ApprovalTimeout"] = "00:00:02",
    };

    public string Issuer => Server.Issuer;

    public string Endpoint(string upstream) => Issuer + "/mcp/" + upstream;

    public string ResourceUri(string upstream) => UpstreamRegistration.ResourceUri(Issuer, upstream);

    public virtual async Task InitializeAsync()
    {
        Notes = await McpUpstream.StartAsync(HttpServerSessionMode.Stateful);
        Stateless = await McpUpstream.StartAsync(HttpServerSessionMode.Stateless);
        Raw = await RawUpstream.StartAsync();
        server = await MandateTestServer.StartAsync(Settings, services =>
        {
            services.AddSingleton<IUpstreamStore>(Upstreams);
            services.AddSingleton<IToolCatalog>(Catalog);
            services.AddSingleton<IUpstreamToolSource>(ToolSource);
            services.AddSingleton<IAuditSink>(Audit);
            if (Time is { } time)
            {
                services.AddSingleton<TimeProvider>(time);
            }

            ConfigureServices(services);
        });
        Validations = new TokenValidationCounter(Server.Services);
        await AddUpstreamAsync("notes", Notes.Url, trusted: true, headers: new Dictionary<string, string> { ["X-Api-Key"] = ApiKey });
        await AddUpstreamAsync("stateless", Stateless.Url, trusted: true);
        await AddUpstreamAsync("recorded", Stateless.Url, trusted: true, recordArguments: true);
        await AddUpstreamAsync("untrusted", Stateless.Url, trusted: false);
        await AddUpstreamAsync("raw", Raw.Url, trusted: true);
        await AddUpstreamAsync("down", $"http://127.0.0.1:{FreePort.Next()}/mcp", trusted: true);
        Catalog.Override("notes", "purge_all", PermissionLevel.Deny);
        Catalog.Override("stateless", "purge_all", PermissionLevel.Deny);
        Catalog.Override("raw", "read_it", PermissionLevel.Read);
    }

    /// <summary>For fixtures that replace more services than the gateway's stores.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task AddUpstreamAsync(string name, string url, bool trusted, IReadOnlyDictionary<string, string>? headers = null, bool recordArguments = false)
    {
        await Upstreams.UpsertAsync(new Upstream { Name = name, Url = url, TrustAnnotations = trusted, RecordArguments = recordArguments, Headers = headers ?? new Dictionary<string, string>() }, CancellationToken.None);
        await Server.AddResourceAsync(ResourceUri(name), [.. GatewayScopes.All]);
    }

    /// <summary>A Mandate access token for an upstream, as the token endpoint would issue it (fresh subject and client by default).</summary>
    public IssuedAccessToken Token(string upstream, string scope = "mcp:read", string? subject = null, string? clientId = null, string? resource = null) =>
        IssuerAt(Server.Services.GetRequiredService<TimeProvider>()).Issue(new AccessTokenRequest
        {
            Subject = subject ?? "usr_" + RandomTokens.Create(6),
            ClientId = clientId ?? "client_" + RandomTokens.Create(6),
            Resource = resource ?? ResourceUri(upstream),
            Scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        });

    /// <summary>A token that expired an hour ago (signed by the server's current key).</summary>
    public IssuedAccessToken ExpiredToken(string upstream)
    {
        var past = new FakeTimeProvider(Server.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-1));
        return IssuerAt(past).Issue(new AccessTokenRequest { Subject = "usr_old", ClientId = "client_old", Resource = ResourceUri(upstream), Scopes = [GatewayScopes.Read] });
    }

    public virtual async Task DisposeAsync()
    {
        Validations?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await Notes.DisposeAsync();
        await Stateless.DisposeAsync();
        await Raw.DisposeAsync();
    }

    private AccessTokenIssuer IssuerAt(TimeProvider time) =>
        new(Server.Services.GetRequiredService<KeyRing>(), Server.Services.GetRequiredService<IOptions<MandateOptions>>(), time);
}
