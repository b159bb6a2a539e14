using Mandate.Core.Clients;
using Mandate.Core.Mandates;
using Mandate.Core.OAuth;
using Mandate.Core.OAuth.Exchange;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Tests.Mandates;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.OAuth.Exchange;

/// <summary>Token exchange with mandates: carried unchanged when not asked for, narrowed only to a subset.</summary>
public sealed class MandateExchangeTests : IAsyncLifetime
{
    private static readonly TaskMandate Held = MandateParser.Parse(MandateExamples.Details(
        MandateExamples.Tool() + "," + MandateExamples.Tool("list_issues", arguments: null, maxCalls: null))).Mandate!;

    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync(sqlite: true);
        await harness.AddClientAsync(Client("orchestrator", ["agent"]));
        await harness.AddClientAsync(Client("agent", []));
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task WithoutAuthorizationDetails_TheSubjectsMandateIsCarriedUnchanged()
    {
        var result = await ExchangeAsync(Subject(Held));

        var claims = harness.Get<AccessTokenValidator>().Validate(result.Response!.AccessToken)!;
        Assert.Equal(MandateJson.ToJson(Held), MandateJson.ToJson(claims.Mandate!));
        Assert.Equal(MandateJson.ToJson(Held), MandateJson.ToJson(result.Response.Mandate!));
    }

    [Fact]
    public async Task ASubset_IsGranted_AndEndsTheTokenAtItsExpiry()
    {
        var narrower = MandateExamples.Details(MandateExamples.Tool(maxCalls: 1), expiresAt: MandateExamples.ExpiresAt - 3000);

        var result = await ExchangeAsync(Subject(Held), ("authorization_details", narrower));

        var mandate = harness.Get<AccessTokenValidator>().Validate(result.Response!.AccessToken)!.Mandate!;
        Assert.Equal(["create_issue"], mandate.Tools.Select(t => t.Name));
        Assert.Equal(1, mandate.Tools[0].MaxCalls);
        Assert.Equal(600, result.Response.ExpiresIn);
    }

    [Fact]
    public async Task AnAllOfExtension_IsGranted()
    {
        var arguments = "{\"allOf\":[" + MandateExamples.IssueSchema + ",{\"properties\":{\"title\":{\"pattern\":\"^bug\"}}}]}";

        var result = await ExchangeAsync(Subject(Held), ("authorization_details", MandateExamples.Details(MandateExamples.Tool(arguments: arguments))));

        Assert.NotNull(result.Response);
    }

    [Theory]
    [InlineData("delete_repo", 3, 1_767_272_400, "not in the held mandate")]
    [InlineData("create_issue", 4, 1_767_272_400, "at most 3")]
    [InlineData("create_issue", 3, 1_767_272_401, "expires_at")]
    public async Task AWiderMandate_IsRefused(string tool, int maxCalls, long expiresAt, string reason)
    {
        var wider = MandateExamples.Details(MandateExamples.Tool(tool, maxCalls: maxCalls), expiresAt: expiresAt);

        var result = await ExchangeAsync(Subject(Held), ("authorization_details", wider));

        Assert.Equal("invalid_authorization_details", result.Error!.Error);
        Assert.Contains(reason, result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMandateCannotBeAddedToATokenWithoutOne()
    {
        var result = await ExchangeAsync(Subject(null), ("authorization_details", MandateExamples.Details()));

        Assert.Equal("invalid_authorization_details", result.Error!.Error);
    }

    [Fact]
    public async Task ALocationOtherThanTheAudience_IsRefused()
    {
        var result = await ExchangeAsync(Subject(Held), ("authorization_details", MandateExamples.Details(location: "https://other.example.com/mcp")));

        Assert.Equal("invalid_authorization_details", result.Error!.Error);
    }

    [Fact]
    public async Task TheNewToken_IsANewGrantWhoseAncestorIsTheSubjects_WithItsLimits()
    {
        var result = await ExchangeAsync(Subject(Held), ("authorization_details", MandateExamples.Details(MandateExamples.Tool(maxCalls: 1))));

        var chain = harness.Get<AccessTokenValidator>().Validate(result.Response!.AccessToken)!.MandateGrants!;
        var ancestor = Assert.Single(chain.Ancestors);
        Assert.Equal("grant-root", ancestor.Id);
        Assert.Equal(new Dictionary<string, int> { ["create_issue"] = 3 }, ancestor.MaxCalls);
        Assert.NotEqual("grant-root", chain.Id);
    }

    [Fact]
    public async Task ASubjectWithAMandateButNoGrant_IsRefused()
    {
        var result = await ExchangeAsync(Subject(Held, grant: null));

        Assert.Equal("invalid_authorization_details", result.Error!.Error);
        Assert.Contains("no grant id", result.Error.Description, StringComparison.Ordinal);
    }

    private string Subject(TaskMandate? mandate, string? grant = "grant-root") =>
        harness.Get<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = "user-1",
            ClientId = "orchestrator",
            Resource = CoreHarness.ResourceUri,
            Scopes = ["tools.read"],
            Mandate = mandate,
            MandateGrants = mandate is null || grant is null ? null : new MandateGrantChain([], grant),
        }).Token;

    private async Task<TokenResult> ExchangeAsync(string subjectToken, params (string Name, string Value)[] extra)
    {
        var client = (await harness.Get<IClientStore>().FindAsync("agent", CancellationToken.None))!;
        return await harness.Get<TokenExchangeGrantHandler>().HandleAsync(client, OAuthParameters.From(
        [
            ("grant_type", GrantTypes.TokenExchange),
            ("subject_token", subjectToken),
            ("subject_token_type", TokenTypeUris.AccessToken),
            .. extra,
        ]), null, CancellationToken.None);
    }

    private static OAuthClient Client(string id, IReadOnlyList<string> mayExchangeTo) => new()
    {
        ClientId = id,
        Name = id,
        Source = ClientSource.Registered,
        TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        GrantTypes = [GrantTypes.TokenExchange],
        MayExchangeTo = mayExchangeTo,
    };
}
