using Mandate.Core.OAuth;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;
using static Mandate.Core.Tests.Support.AuthorizeParameters;

namespace Mandate.Core.Tests.OAuth.Authorize;

/// <summary>AuthorizeRequestValidator once the client and redirect are trusted: resource, scope, prompt, max_age.</summary>
public sealed class AuthorizeRequestTargetTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        await harness.AddResourceAsync(CoreHarness.ResourceUri, "tools.read", "tools.call", "admin");
        await harness.AddClientAsync(TestClients.Public());
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Validate_ResourceMissing_InvalidTarget()
    {
        AssertRedirected(await ValidateAsync(Valid.Remove("resource")), OAuthErrorCodes.InvalidTarget);
    }

    [Theory]
    [InlineData("https://other.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp2")]
    [InlineData("https://mcp.example.com/MCP")]
    [InlineData("http://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp#frag")]
    [InlineData("urn:example:mcp")]
    public async Task Validate_ResourceUnknownOrMalformed_InvalidTarget(string resource)
    {
        AssertRedirected(await ValidateAsync(Valid.Set("resource", resource)), OAuthErrorCodes.InvalidTarget);
    }

    [Fact]
    public async Task Validate_ResourceRepeated_InvalidTarget()
    {
        AssertRedirected(await ValidateAsync(Valid.Set("resource", CoreHarness.ResourceUri, CoreHarness.ResourceUri)), OAuthErrorCodes.InvalidTarget);
    }

    [Theory]
    [InlineData("https://mcp.example.com/mcp/")]
    [InlineData("https://MCP.Example.COM/mcp")]
    [InlineData("https://mcp.example.com:443/mcp")]
    [InlineData("HTTPS://mcp.example.com:443/mcp/")]
    public async Task Validate_EquivalentResource_ResolvesToTheCanonicalOne(string resource)
    {
        var result = await ValidateAsync(Valid.Set("resource", resource));

        Assert.True(result.IsValid, result.Error?.Description);
        Assert.Equal(CoreHarness.ResourceUri, result.Request!.Resource.Uri);
    }

    [Fact]
    public async Task Validate_ScopeTheResourceDoesNotOffer_InvalidScope()
    {
        AssertRedirected(await ValidateAsync(Valid.Set("scope", "tools.read mail.send")), OAuthErrorCodes.InvalidScope);
    }

    [Fact]
    public async Task Validate_ScopeOutsideTheClientList_InvalidScope()
    {
        await harness.AddClientAsync(TestClients.Public("limited") with { Scopes = ["tools.read"] });

        AssertRedirected(await ValidateAsync(Valid.Set("client_id", "limited").Set("scope", "tools.call")), OAuthErrorCodes.InvalidScope);
    }

    [Fact]
    public async Task Validate_ScopeOmitted_GetsEveryScopeAllowedToTheClientAtTheResource()
    {
        await harness.AddClientAsync(TestClients.Public("limited") with { Scopes = ["tools.read", "tools.call", "elsewhere"] });

        var open = await ValidateAsync(Valid.Remove("scope"));
        var limited = await ValidateAsync(Valid.Set("client_id", "limited").Remove("scope"));

        Assert.Equal(["tools.read", "tools.call", "admin"], open.Request!.Scopes);
        Assert.Equal(["tools.read", "tools.call"], limited.Request!.Scopes);
    }

    [Theory]
    [InlineData("login", new[] { "login" })]
    [InlineData("consent", new[] { "consent" })]
    [InlineData("login consent", new[] { "consent", "login" })]
    [InlineData("none", new[] { "none" })]
    [InlineData("select_account", new[] { "select_account" })]
    public async Task Validate_Prompt_Parsed(string prompt, string[] expected)
    {
        var result = await ValidateAsync(Valid.Set("prompt", prompt));

        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Request!.Prompt.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("none login")]
    [InlineData("consent none")]
    [InlineData("bogus")]
    [InlineData("login bogus")]
    public async Task Validate_PromptNoneCombinedOrUnknown_InvalidRequest(string prompt)
    {
        AssertRedirected(await ValidateAsync(Valid.Set("prompt", prompt)), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_MaxAge_Parsed()
    {
        Assert.Equal(300, (await ValidateAsync(Valid.Set("max_age", "300"))).Request!.MaxAge);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Validate_MaxAgeNotANonNegativeInteger_InvalidRequest(string maxAge)
    {
        AssertRedirected(await ValidateAsync(Valid.Set("max_age", maxAge)), OAuthErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Validate_StateTooLong_InvalidRequest()
    {
        var result = await ValidateAsync(Valid.Set("state", new string('s', 2049)));

        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error!.Error);
        Assert.Equal(TestClients.Redirect, result.RedirectUri);
    }

    [Fact]
    public async Task Validate_Nonce_Kept()
    {
        Assert.Equal("n-1", (await ValidateAsync(Valid.Set("nonce", "n-1"))).Request!.Nonce);
    }

    private Task<AuthorizeValidationResult> ValidateAsync((string Name, string Value)[] pairs) =>
        harness.Get<AuthorizeRequestValidator>().ValidateAsync(OAuthParameters.From(pairs), CancellationToken.None);
}
