using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;
using Mandate.Core.Tokens;
using Mandate.Core.Vault.Broker;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>
/// The gateway with HTTP API upstreams in front of one <see cref="HttpApiUpstream"/>: "api" (an API key header),
/// "api-bearer" and "api-query" (the person's credential from the faked vault), "api-down" (nothing listens); and the
/// rules the tests rely on.
/// </summary>
public class HttpApiFixture : GatewayFixture
{
    public const string Connector = "svc";
    public const string AllScopes = "mcp:read mcp:write mcp:destructive";
    public const int MaxBodyBytes = 64 * 1024;

    public FakeCredentialBroker Broker { get; } = new();

    /// <summary>Every log line the server wrote, for the credential-leak checks.</summary>
    public LogCapture Logs { get; } = new();

    public HttpApiUpstream Api { get; private set; } = null!;

    public string Base => Api.Origin + "/base";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Gateway:MaxHttpRequestBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        Api = await HttpApiUpstream.StartAsync();
        await base.InitializeAsync();
        await AddHttpAsync("api", Base + "?v=2", headers: new Dictionary<string, string> { ["X-Api-Key"] = ApiKey });
        await AddHttpAsync("api-bearer", Base, UpstreamCredential.Parse("connector:" + Connector, "bearer", out _));
        await AddHttpAsync("api-query", Base, UpstreamCredential.Parse("connector:" + Connector, "query:key", out _));
        await AddHttpAsync("api-down", $"http://127.0.0.1:{FreePort.Next()}/base");
        var rules = Server.Services.GetRequiredService<IHttpRuleStore>();
        await rules.AddAsync(Rule("*", "/admin/**", PermissionLevel.Deny), CancellationToken.None);
        await rules.AddAsync(Rule("POST", "/repos/*/issues", PermissionLevel.Write), CancellationToken.None);
        await rules.AddAsync(Rule("POST", "/search", PermissionLevel.Read), CancellationToken.None);
    }

    public string HttpEndpoint(string upstream) => Issuer + "/http/" + upstream;

    public string HttpResource(string upstream) => UpstreamRegistration.ResourceUri(Issuer, upstream, UpstreamKind.Http);

    /// <summary>A token for an HTTP upstream (fresh subject and client unless given).</summary>
    public IssuedAccessToken HttpToken(string upstream, string scope = "mcp:read", string? subject = null) => Token(upstream, scope, subject, resource: HttpResource(upstream));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Api.DisposeAsync();
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ICredentialBroker>(Broker));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
    }

    private static HttpRule Rule(string method, string path, PermissionLevel level) =>
        new(0, "api", method, PathPattern.Parse(path, out _)!.Text, level, DateTimeOffset.UnixEpoch);

    private async Task AddHttpAsync(string name, string url, UpstreamCredential? credential = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        await Upstreams.UpsertAsync(new Upstream { Name = name, Kind = UpstreamKind.Http, Url = url, Credential = credential, Headers = headers ?? new Dictionary<string, string>() }, CancellationToken.None);
        await Server.AddResourceAsync(HttpResource(name), [.. GatewayScopes.All]);
    }
}
