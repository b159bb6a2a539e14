using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Keys;
using Mandate.Core.Mandates;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>
/// The gateway fixture with what mandates need: alice, a browser, an orchestrator that may hand work to a sub-agent,
/// and "mailbox" (the stateless notes server again) whose read_note is labelled private and write_note egress.
/// </summary>
public class MandateGatewayFixture : GatewayFixture
{
    public const string NoteSchema = """{"type":"object","properties":{"id":{"const":"n1"},"text":{"type":"string","maxLength":20}},"required":["id","text"]}""";

    public BrowserSession Browser { get; } = new();

    public (OAuthClient Client, string Secret) Orchestrator { get; private set; }

    public (OAuthClient Client, string Secret) SubAgent { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Server.AddUserAsync();
        SubAgent = await AddAgentAsync("sub-agent-" + RandomTokens.Create(4), []);
        Orchestrator = await AddAgentAsync("orchestrator-" + RandomTokens.Create(4), [SubAgent.Client.ClientId]);
        await AddUpstreamAsync("mailbox", Stateless.Url, trusted: true);
        Catalog.Label("mailbox", "read_note", DataFlowLabels.Private);
        Catalog.Label("mailbox", "write_note", DataFlowLabels.Egress);
    }

    /// <summary>A mandate for an upstream: write_note (n1 only, text up to 20 characters) at most <paramref name="maxWrites"/> times, read_note without limits.</summary>
    public string Details(string upstream, int maxWrites = 2, string? tools = null, long? expiresAt = null) =>
        $$"""[{"type":"mandate","locations":["{{ResourceUri(upstream)}}"],"tools":[{{tools ?? $$"""{"name":"write_note","arguments":{{NoteSchema}},"max_calls":{{maxWrites}}},{"name":"read_note"}"""}}],"purpose":"take one note","expires_at":{{expiresAt ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}]""";

    /// <summary>A token carrying a mandate and a grant of its own, as /token would issue it (for tests that are not about the flow).</summary>
    public IssuedAccessToken MandateToken(string upstream, string details, string scope = "")
    {
        var mandate = MandateParser.Parse(details).Mandate ?? throw new InvalidOperationException("Not a mandate: " + details);
        var issuer = new AccessTokenIssuer(Server.Services.GetRequiredService<KeyRing>(), Server.Services.GetRequiredService<IOptions<MandateOptions>>(), Server.Services.GetRequiredService<TimeProvider>());
        return issuer.Issue(new AccessTokenRequest
        {
            Subject = "usr_" + RandomTokens.Create(6),
            ClientId = "client_" + RandomTokens.Create(6),
            Resource = ResourceUri(upstream),
            Scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Mandate = mandate,
            MandateGrants = new MandateGrantChain([], RandomTokens.Create(16)),
            NotAfter = mandate.ExpiresAt,
        });
    }

    /// <summary>The orchestrator's token response through /authorize, consent and /token (scope left out: the mandate only).</summary>
    public async Task<JsonElement> AuthorizeAsync(string upstream, string details)
    {
        var pkce = PkcePair.Create();
        var url = TestFlow.AuthorizeUrl(Issuer, Orchestrator.Client.ClientId, pkce, scope: null, resource: ResourceUri(upstream), extra: ("authorization_details", details));
        var code = await TestFlow.GetCodeAsync(Browser, url);
        return await RedeemAsync(code, pkce);
    }

    public async Task<JsonElement> RedeemAsync(string code, PkcePair pkce)
    {
        using var response = await TestFlow.RedeemAsync(Issuer, code, pkce, Orchestrator.Client.ClientId, Orchestrator.Secret);
        var body = await OAuthHttp.JsonAsync(response);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException("Token request failed: " + body);
    }

    public async Task<JsonElement> PostTokenAsync((OAuthClient Client, string Secret) client, params (string Name, string Value)[] fields)
    {
        using var response = await OAuthHttp.TokenAsync(Issuer, OAuthHttp.Basic(client.Client.ClientId, client.Secret), fields);
        var body = await OAuthHttp.JsonAsync(response);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException("Token request failed: " + body);
    }

    public override async Task DisposeAsync()
    {
        Browser.Dispose();
        await base.DisposeAsync();
    }

    private async Task<(OAuthClient, string)> AddAgentAsync(string id, IReadOnlyList<string> mayExchangeTo)
    {
        var (client, secret) = await Server.AddClientAsync(
            new ClientMetadata
            {
                ClientId = id,
                ClientName = id,
                RedirectUris = [TestFlow.Redirect],
                GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.TokenExchange],
                TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            },
            mayExchangeTo);
        return (client, secret!);
    }
}
