using Mandate.Core.Codes;
using Mandate.Core.Consents;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.Resources;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Authorize;

public sealed class AuthorizationServiceTests : IAsyncLifetime
{
    private const string User = "user-1";
    private CoreHarness harness = null!;
    private ProtectedResource resource = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        resource = await harness.AddResourceAsync(CoreHarness.ResourceUri, "tools.read", "tools.call");
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Decide_NobodySignedIn_Login()
    {
        var decision = await DecideAsync(Request(), userId: null);

        Assert.Equal(AuthorizeNext.Login, decision.Next);
        Assert.Null(decision.RedirectUrl);
    }

    [Fact]
    public async Task Decide_PromptNoneAndNobodySignedIn_LoginRequiredRedirect()
    {
        var decision = await DecideAsync(Request("none"), userId: null);

        AssertErrorRedirect(decision, OAuthErrorCodes.LoginRequired);
    }

    [Fact]
    public async Task Decide_SignedInWithoutConsent_Consent()
    {
        Assert.Equal(AuthorizeNext.Consent, (await DecideAsync(Request())).Next);
    }

    [Fact]
    public async Task Decide_ConsentCoversTheScopes_RedirectsWithACodeForTheGrant()
    {
        await GrantAsync("tools.read", "tools.call");
        var authTime = harness.Time.GetUtcNow().AddMinutes(-1);

        var decision = await DecideAsync(Request() with { Scopes = ["tools.read"], Nonce = "n" }, authTime: authTime);

        Assert.Equal(AuthorizeNext.Redirect, decision.Next);
        var query = Query.Of(decision.RedirectUrl!);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(CoreHarness.Issuer, query["iss"]);
        var redemption = await harness.Get<IAuthorizationCodeStore>().RedeemAsync(query["code"], CancellationToken.None);
        var grant = redemption.Grant!;
        Assert.Equal("public-app", grant.ClientId);
        Assert.Equal(User, grant.Subject);
        Assert.Equal(CoreHarness.ResourceUri, grant.Resource);
        Assert.Equal(["tools.read"], grant.Scopes);
        Assert.Equal(AuthorizeParameters.Challenge, grant.CodeChallenge);
        Assert.True(grant.RedirectUriSent);
        Assert.Equal(authTime, grant.AuthTime);
        Assert.Equal("n", grant.Nonce);
        Assert.Equal(harness.Time.GetUtcNow() + harness.Options.Tokens.AuthorizationCodeLifetime, grant.ExpiresAt);
    }

    [Fact]
    public async Task Decide_WiderScopeThanConsented_AsksAgain()
    {
        await GrantAsync("tools.read");

        Assert.Equal(AuthorizeNext.Consent, (await DecideAsync(Request() with { Scopes = ["tools.read", "tools.call"] })).Next);
    }

    [Fact]
    public async Task Decide_ConsentForAnotherResource_AsksAgain()
    {
        await harness.Get<IConsentStore>().GrantAsync(new Consent { UserId = User, ClientId = "public-app", Resource = "https://other.example.com", Scopes = ["tools.read"] }, CancellationToken.None);

        Assert.Equal(AuthorizeNext.Consent, (await DecideAsync(Request())).Next);
    }

    [Fact]
    public async Task Decide_PromptConsent_ShowsThePageDespiteConsent()
    {
        await GrantAsync("tools.read");

        Assert.Equal(AuthorizeNext.Consent, (await DecideAsync(Request("consent"))).Next);
    }

    [Fact]
    public async Task Decide_PromptNoneWithoutConsent_ConsentRequiredRedirect()
    {
        AssertErrorRedirect(await DecideAsync(Request("none")), OAuthErrorCodes.ConsentRequired);
    }

    [Fact]
    public async Task Decide_PromptNoneWithConsent_Code()
    {
        await GrantAsync("tools.read");

        var decision = await DecideAsync(Request("none"));

        Assert.True(Query.Of(decision.RedirectUrl!).ContainsKey("code"));
    }

    [Fact]
    public async Task Decide_PromptLogin_LoginUntilSatisfied()
    {
        await GrantAsync("tools.read");

        Assert.Equal(AuthorizeNext.Login, (await DecideAsync(Request("login"))).Next);
        Assert.Equal(AuthorizeNext.Redirect, (await DecideAsync(Request("login"), loginSatisfied: true)).Next);
    }

    [Fact]
    public async Task Decide_MaxAgeExceeded_Login()
    {
        await GrantAsync("tools.read");
        var request = Request() with { MaxAge = 300 };
        var now = harness.Time.GetUtcNow();

        Assert.Equal(AuthorizeNext.Login, (await DecideAsync(request, authTime: now.AddSeconds(-301))).Next);
        Assert.Equal(AuthorizeNext.Redirect, (await DecideAsync(request, authTime: now.AddSeconds(-300))).Next);
        Assert.Equal(AuthorizeNext.Redirect, (await DecideAsync(request, authTime: now.AddSeconds(-301), loginSatisfied: true)).Next);
    }

    [Fact]
    public async Task Decide_MaxAgeExceededWithPromptNone_LoginRequired()
    {
        await GrantAsync("tools.read");

        var decision = await DecideAsync(Request("none") with { MaxAge = 60 }, authTime: harness.Time.GetUtcNow().AddHours(-1));

        AssertErrorRedirect(decision, OAuthErrorCodes.LoginRequired);
    }

    [Fact]
    public async Task Approve_RemembersConsentSoTheNextRequestSkipsThePage()
    {
        var url = await harness.Get<AuthorizationService>().ApproveAsync(Request(), User, harness.Time.GetUtcNow(), CancellationToken.None);

        Assert.True(Query.Of(url).ContainsKey("code"));
        Assert.Equal(AuthorizeNext.Redirect, (await DecideAsync(Request())).Next);
        var consent = await harness.Get<IConsentStore>().FindAsync(User, "public-app", CoreHarness.ResourceUri, CancellationToken.None);
        Assert.Equal(["tools.read"], consent!.Scopes);
        var recorded = Assert.Single(harness.Audit!.Events);
        Assert.Equal(("consent.given", "allow", "tools.read", CoreHarness.ResourceUri), (recorded.Kind, recorded.Decision, recorded.Scope, recorded.Resource));
    }

    [Fact]
    public async Task Deny_AccessDeniedWithStateAndIss_AndRecorded()
    {
        var query = Query.Of(await harness.Get<AuthorizationService>().DenyAsync(Request(), User, CancellationToken.None));

        Assert.Equal(OAuthErrorCodes.AccessDenied, query["error"]);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(CoreHarness.Issuer, query["iss"]);
        var recorded = Assert.Single(harness.Audit!.Events);
        Assert.Equal(("consent.denied", "deny", User, "public-app"), (recorded.Kind, recorded.Decision, recorded.Subject, recorded.ClientId));
    }

    private static void AssertErrorRedirect(AuthorizeDecision decision, string error)
    {
        Assert.Equal(AuthorizeNext.Redirect, decision.Next);
        Assert.StartsWith(TestClients.Redirect + "?", decision.RedirectUrl, StringComparison.Ordinal);
        var query = Query.Of(decision.RedirectUrl!);
        Assert.Equal(error, query["error"]);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(CoreHarness.Issuer, query["iss"]);
        Assert.False(query.ContainsKey("code"));
    }

    private AuthorizeRequest Request(params string[] prompt) => new()
    {
        Client = TestClients.Public(),
        RedirectUri = TestClients.Redirect,
        RedirectUriSent = true,
        State = "xyz",
        CodeChallenge = AuthorizeParameters.Challenge,
        Resource = resource,
        Scopes = ["tools.read"],
        Prompt = new HashSet<string>(prompt, StringComparer.Ordinal),
    };

    private Task GrantAsync(params string[] scopes) =>
        harness.Get<IConsentStore>().GrantAsync(new Consent { UserId = User, ClientId = "public-app", Resource = CoreHarness.ResourceUri, Scopes = scopes }, CancellationToken.None);

    private Task<AuthorizeDecision> DecideAsync(AuthorizeRequest request, string? userId = User, DateTimeOffset? authTime = null, bool loginSatisfied = false) =>
        harness.Get<AuthorizationService>().DecideAsync(request, userId, authTime ?? harness.Time.GetUtcNow(), loginSatisfied, CancellationToken.None);
}
