using Mandate.Core.Audit;
using Mandate.Core.Clients;
using Mandate.Core.OAuth;
using Mandate.Core.OAuth.Exchange;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.OAuth.Exchange;

/// <summary>The subset rules of token exchange, each in isolation, with a fake clock and the SQLite stores.</summary>
public sealed class TokenExchangeGrantHandlerTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync(sqlite: true, o => o.Tokens.MaxDelegationDepth = 2);
        await harness.AddClientAsync(Client("orchestrator", ["agent"]));
        await harness.AddClientAsync(Client("agent", []));
        await harness.AddClientAsync(Client("limited", [], ["tools.read"]));
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Lifetime_NeverOutlivesTheSubjectToken()
    {
        var subject = Subject(notAfter: harness.Time.GetUtcNow().AddSeconds(45));

        var result = await ExchangeAsync("agent", subject.Token);

        Assert.Equal(45, result.Response!.ExpiresIn);
        var claims = harness.Get<AccessTokenValidator>().Validate(result.Response.AccessToken)!;
        Assert.Equal(subject.ExpiresAt, claims.ExpiresAt);
    }

    [Fact]
    public async Task Depth_IsTheConfiguredLimit()
    {
        var subject = Subject();
        var second = await ExchangeAsync("agent", subject.Token);

        var third = await ExchangeAsync("agent", second.Response!.AccessToken);

        Assert.Equal("invalid_request", third.Error!.Error);
        Assert.Contains("2 actors", third.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopeOmitted_KeepsTheSubjectsScopes_UnlessTheClientMayNotHoldThem()
    {
        var subject = Subject();

        var agent = await ExchangeAsync("agent", subject.Token);
        var limited = await ExchangeAsync("limited", Subject(clientId: "limited").Token);
        var limitedSubset = await ExchangeAsync("limited", Subject(clientId: "limited").Token, ("scope", "tools.read"));

        Assert.Equal("tools.read tools.call", agent.Response!.Scope);
        Assert.Equal("invalid_scope", limited.Error!.Error);
        Assert.Equal("tools.read", limitedSubset.Response!.Scope);
    }

    [Fact]
    public async Task ExpiredSubject_IsRefused_AndAudited()
    {
        var subject = Subject();
        harness.Time.Advance(TimeSpan.FromHours(1));

        var result = await ExchangeAsync("agent", subject.Token);

        Assert.Equal("invalid_request", result.Error!.Error);
        var audited = Assert.Single(await harness.Get<IAuditReader>().ListRecentAsync(10, CancellationToken.None));
        Assert.Equal(("token.exchange", "deny", "agent"), (audited.Kind, audited.Decision, audited.ClientId));
    }

    [Fact]
    public async Task AClientTokenForItself_ExchangedByItself_HasOnlyOneActor()
    {
        var subject = Subject(subject: "agent", clientId: "agent");

        var result = await ExchangeAsync("agent", subject.Token, ("scope", "tools.read"));

        var claims = harness.Get<AccessTokenValidator>().Validate(result.Response!.AccessToken)!;
        Assert.Equal(new Actor("agent", "agent"), claims.Actor);
    }

    [Fact]
    public async Task WithAProof_TheNewTokenIsBoundToTheActorsKey()
    {
        const string ActorKey = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

        var result = await ExchangeWithKeyAsync("agent", Subject().Token, ActorKey);

        Assert.Equal("DPoP", result.Response!.TokenType);
        Assert.Equal(ActorKey, harness.Get<AccessTokenValidator>().Validate(result.Response.AccessToken)!.DpopJkt);
    }

    [Fact]
    public async Task ADpopBoundSubject_CannotBeExchangedForABearerToken()
    {
        var subject = Subject(dpopJkt: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

        var bearer = await ExchangeAsync("agent", subject.Token);
        var bound = await ExchangeWithKeyAsync("agent", subject.Token, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

        Assert.Equal("invalid_request", bearer.Error!.Error);
        Assert.Contains("DPoP", bearer.Error.Description, StringComparison.Ordinal);
        Assert.Equal("DPoP", bound.Response!.TokenType);
    }

    private IssuedAccessToken Subject(string subject = "user-1", string clientId = "orchestrator", DateTimeOffset? notAfter = null, string? dpopJkt = null) =>
        harness.Get<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = subject,
            ClientId = clientId,
            Resource = CoreHarness.ResourceUri,
            Scopes = ["tools.read", "tools.call"],
            NotAfter = notAfter,
            DpopJkt = dpopJkt,
        });

    private Task<TokenResult> ExchangeAsync(string clientId, string subjectToken, params (string Name, string Value)[] extra) =>
        ExchangeWithKeyAsync(clientId, subjectToken, null, extra);

    private async Task<TokenResult> ExchangeWithKeyAsync(string clientId, string subjectToken, string? dpopJkt, params (string Name, string Value)[] extra)
    {
        var client = (await harness.Get<IClientStore>().FindAsync(clientId, CancellationToken.None))!;
        return await harness.Get<TokenExchangeGrantHandler>().HandleAsync(client, OAuthParameters.From(
        [
            ("grant_type", GrantTypes.TokenExchange),
            ("subject_token", subjectToken),
            ("subject_token_type", TokenTypeUris.AccessToken),
            .. extra,
        ]), dpopJkt, CancellationToken.None);
    }

    private static OAuthClient Client(string id, IReadOnlyList<string> mayExchangeTo, IReadOnlyList<string>? scopes = null) => new()
    {
        ClientId = id,
        Name = id,
        Source = ClientSource.Registered,
        TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        GrantTypes = [GrantTypes.TokenExchange],
        MayExchangeTo = mayExchangeTo,
        Scopes = scopes ?? [],
    };
}
