using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Client.Dpop;
using Mandate.Core.Clients;
using Mandate.Demo;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Client.Tests.Support;

/// <summary>
/// A real Mandate server with the demo notes upstream behind its gateway ({issuer}/mcp/demo), user alice, and agents:
/// an orchestrator (code flow and client credentials) that may hand its tokens to the sub-agent (client secret) and the
/// key agent (private_key_jwt), and an intruder nobody allowed.
/// </summary>
public class DelegationServer : IAsyncLifetime
{
    public const string Redirect = "http://127.0.0.1:9/callback";

    private MandateTestServer? server;
    private DemoUpstream? demo;

    public MandateTestServer Server => server ?? throw new InvalidOperationException("Not started.");

    public DemoUpstream Demo => demo ?? throw new InvalidOperationException("Not started.");

    public string Issuer => Server.Issuer;

    public string Resource => Demo.GatewayUrl;

    public string UserId { get; private set; } = null!;

    public (string Id, string Secret) Orchestrator { get; private set; }

    public (string Id, string Secret) SubAgent { get; private set; }

    public (string Id, string Secret) Intruder { get; private set; }

    public string KeyAgentId { get; private set; } = null!;

    /// <summary>The key agent's client authentication key (registered as its jwks).</summary>
    public DpopKey KeyAgentKey { get; } = DpopKey.Generate();

    public BrowserSession Browser { get; } = new();

    /// <summary>Configuration overrides for fixtures that need other settings (null: the test server's own).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync(Settings);
        demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        UserId = (await server.AddUserAsync()).Id;
        SubAgent = await AddAsync(new ClientMetadata
        {
            ClientId = "sub-agent",
            ClientName = "Sub-agent",
            GrantTypes = [GrantTypes.TokenExchange],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        });
        using var jwks = JsonDocument.Parse(KeyAgentKey.ExportPublicJwkSet());
        KeyAgentId = (await AddAsync(new ClientMetadata
        {
            ClientId = "key-agent",
            ClientName = "Key agent",
            GrantTypes = [GrantTypes.TokenExchange],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
            Jwks = jwks.RootElement.Clone(),
        })).Id;
        Intruder = await AddAsync(new ClientMetadata
        {
            ClientId = "intruder",
            ClientName = "Intruder",
            GrantTypes = [GrantTypes.TokenExchange],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        });
        Orchestrator = await AddAsync(
            new ClientMetadata
            {
                ClientId = "orchestrator",
                ClientName = "Orchestrator",
                RedirectUris = [Redirect],
                GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials],
                TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
                Scope = "mcp:read mcp:write",
            },
            [SubAgent.Id, KeyAgentId]);
    }

    /// <summary>alice's token for the orchestrator at the demo upstream, through sign-in and consent.</summary>
    public async Task<string> UserTokenAsync(string scope = "mcp:read mcp:write")
    {
        var pkce = PkcePair.Create();
        var url = QueryParameters.Build(
            Issuer + "/authorize",
            ("response_type", "code"), ("client_id", Orchestrator.Id), ("redirect_uri", Redirect), ("code_challenge", pkce.Challenge),
            ("code_challenge_method", "S256"), ("resource", Resource), ("scope", scope), ("state", "s"));
        var callback = await Browser.AuthorizeAsync(url, Redirect, "alice", MandateTestServer.Password);
        var code = QueryParameters.Of(callback.Headers.Location!)["code"];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = Redirect,
                ["code_verifier"] = pkce.Verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Orchestrator.Id + ":" + Orchestrator.Secret)));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        KeyAgentKey.Dispose();
        if (demo is not null)
        {
            await demo.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private async Task<(string Id, string Secret)> AddAsync(ClientMetadata metadata, IReadOnlyList<string>? mayExchangeTo = null)
    {
        var registration = await Server.Services.GetRequiredService<ClientRegistrationService>()
            .RegisterAsync(metadata, ClientSource.Registered, CancellationToken.None, mayExchangeTo);
        var client = registration.Client ?? throw new InvalidOperationException("Client rejected: " + registration.Error?.Description);
        return (client.ClientId, registration.Secret ?? string.Empty);
    }
}
