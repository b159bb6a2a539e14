using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Exchange;

/// <summary>
/// An orchestrator that may hand work to a sub-agent, which may hand it to a sub-sub-agent; and an intruder nobody
/// allowed. All confidential, all allowed the token-exchange grant.
/// </summary>
public sealed class DelegationFixture : ServerFixture
{
    public (OAuthClient Client, string Secret) Orchestrator { get; private set; }

    public (OAuthClient Client, string Secret) SubAgent { get; private set; }

    public (OAuthClient Client, string Secret) SubSubAgent { get; private set; }

    public (OAuthClient Client, string Secret) Intruder { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SubSubAgent = await AddAsync("sub-sub-agent", []);
        SubAgent = await AddAsync("sub-agent", [SubSubAgent.Client.ClientId]);
        Orchestrator = await AddAsync("orchestrator", [SubAgent.Client.ClientId]);
        Intruder = await AddAsync("intruder", []);
    }

    /// <summary>alice's token for the orchestrator (code flow, consent), with both scopes.</summary>
    public async Task<string> OrchestratorTokenAsync()
    {
        var body = await TestFlow.TokensAsync(Issuer, Orchestrator.Client.ClientId, Orchestrator.Secret, "tools.read tools.call", browser: Browser);
        return body.GetProperty("access_token").GetString()!;
    }

    public static Task<HttpResponseMessage> ExchangeAsync((OAuthClient Client, string Secret) actor, string issuer, string subjectToken, params (string Name, string Value)[] extra) =>
        OAuthHttp.TokenAsync(issuer, OAuthHttp.Basic(actor.Client.ClientId, actor.Secret),
        [
            ("grant_type", GrantTypes.TokenExchange),
            ("subject_token", subjectToken),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
            .. extra,
        ]);

    public async Task<JsonElement> ExchangeOkAsync((OAuthClient Client, string Secret) actor, string subjectToken, params (string Name, string Value)[] extra)
    {
        var response = await ExchangeAsync(actor, Issuer, subjectToken, extra);
        var body = await OAuthHttp.JsonAsync(response);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException("Exchange failed: " + body);
    }

    private async Task<(OAuthClient, string)> AddAsync(string name, IReadOnlyList<string> mayExchangeTo)
    {
        var registration = await Server.Services.GetRequiredService<ClientRegistrationService>().RegisterAsync(
            new ClientMetadata
            {
                ClientId = name,
                ClientName = name,
                RedirectUris = [TestFlow.Redirect],
                GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.TokenExchange],
                TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            },
            ClientSource.Registered,
            CancellationToken.None,
            mayExchangeTo);
        return (registration.Client!, registration.Secret!);
    }
}
