using Mandate.Core.Clients;
using Mandate.Core.OAuth;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Resources;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.Support;

/// <summary>
/// Drives the token endpoint's domain logic over real SQLite stores: codes come from the authorization service as a
/// consenting user would produce them, token requests go through <see cref="TokenRequestProcessor"/>.
/// </summary>
public sealed class TokenFlow : IAsyncDisposable
{
    public const string User = "user-1";

    private TokenFlow(CoreHarness harness, ProtectedResource resource)
    {
        Harness = harness;
        Resource = resource;
    }

    public CoreHarness Harness { get; }

    public ProtectedResource Resource { get; }

    public static async Task<TokenFlow> CreateAsync()
    {
        var harness = await CoreHarness.CreateAsync(sqlite: true);
        var resource = await harness.AddResourceAsync(CoreHarness.ResourceUri, "tools.read", "tools.call");
        await harness.AddClientAsync(TestClients.Public());
        await harness.AddClientAsync(TestClients.Confidential());
        return new TokenFlow(harness, resource);
    }

    /// <summary>A code for the client, as if the user had just clicked Allow.</summary>
    public async Task<(string Code, PkcePair Pkce)> AuthorizeAsync(OAuthClient? client = null, string[]? scopes = null, bool redirectUriSent = true, string? dpopJkt = null)
    {
        client ??= TestClients.Public();
        var pkce = PkcePair.Create();
        var request = new AuthorizeRequest
        {
            Client = client,
            RedirectUri = client.RedirectUris[0],
            RedirectUriSent = redirectUriSent,
            CodeChallenge = pkce.Challenge,
            Resource = Resource,
            Scopes = scopes ?? ["tools.read", "tools.call"],
            DpopJkt = dpopJkt,
        };
        var url = await Harness.Get<AuthorizationService>().ApproveAsync(request, User, Harness.Time.GetUtcNow(), CancellationToken.None);
        return (Query.Of(url)["code"], pkce);
    }

    public static (string Name, string Value)[] CodeRequest(string code, PkcePair pkce, string redirect = TestClients.Redirect) =>
        [("grant_type", "authorization_code"), ("code", code), ("code_verifier", pkce.Verifier), ("redirect_uri", redirect)];

    public static (string Name, string Value)[] RefreshRequest(string refreshToken) =>
        [("grant_type", "refresh_token"), ("refresh_token", refreshToken)];

    public Task<TokenResult> TokenAsync((string Name, string Value)[] pairs, OAuthClient? client = null) =>
        Harness.Get<TokenRequestProcessor>().ProcessAsync(client ?? TestClients.Public(), OAuthParameters.From(pairs), CancellationToken.None);

    /// <summary>A token request that came with a valid DPoP proof of the key <paramref name="dpopJkt"/> (null: none).</summary>
    public Task<TokenResult> TokenAsync((string Name, string Value)[] pairs, OAuthClient? client, string? dpopJkt) =>
        Harness.Get<TokenRequestProcessor>().ProcessAsync(client ?? TestClients.Public(), OAuthParameters.From(pairs), dpopJkt, CancellationToken.None);

    /// <summary>Runs the code flow to the end and returns the token response.</summary>
    public async Task<TokenResponse> CodeFlowAsync(OAuthClient? client = null, string[]? scopes = null)
    {
        var (code, pkce) = await AuthorizeAsync(client, scopes);
        var result = await TokenAsync(CodeRequest(code, pkce), client);
        return result.Response ?? throw new InvalidOperationException(result.Error!.Description);
    }

    public Task<TokenResult> RefreshAsync(string refreshToken, OAuthClient? client = null) => TokenAsync(RefreshRequest(refreshToken), client);

    public AccessTokenClaims Claims(string accessToken) =>
        Harness.Get<AccessTokenValidator>().Validate(accessToken) ?? throw new InvalidOperationException("The access token does not validate.");

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
