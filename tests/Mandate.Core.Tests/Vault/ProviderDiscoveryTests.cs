using Mandate.Core.Tests.Support;
using Mandate.Core.Vault.Providers;

namespace Mandate.Core.Tests.Vault;

public sealed class ProviderDiscoveryTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Rfc8414_PathIssuer_InsertsTheWellKnownBeforeThePath()
    {
        harness.Fetcher.Serve("https://idp.example/.well-known/oauth-authorization-server/tenant", Document("https://idp.example/tenant", """ "code_challenge_methods_supported":["S256"], "authorization_response_iss_parameter_supported":true, "pushed_authorization_request_endpoint":"https://idp.example/tenant/par" """));

        var (metadata, error) = await harness.Get<ProviderDiscovery>().DiscoverAsync("https://idp.example/tenant", CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("https://idp.example/tenant/token", metadata!.TokenEndpoint);
        Assert.True(metadata.IssParameterSupported);
        Assert.Equal("https://idp.example/tenant/par", metadata.PushedAuthorizationRequestEndpoint);
    }

    [Fact]
    public async Task FallsBackToOpenIdConfiguration()
    {
        harness.Fetcher.Serve("https://idp.example/.well-known/openid-configuration", Document("https://idp.example", ""));

        var (metadata, _) = await harness.Get<ProviderDiscovery>().DiscoverAsync("https://idp.example", CancellationToken.None);

        Assert.Equal("https://idp.example/authorize", metadata!.AuthorizationEndpoint);
        Assert.False(metadata.IssParameterSupported);
    }

    [Fact]
    public async Task AnotherIssuerInTheDocument_IsRefused()
    {
        harness.Fetcher.Serve("https://idp.example/.well-known/oauth-authorization-server", Document("https://evil.example", ""));

        var (metadata, error) = await harness.Get<ProviderDiscovery>().DiscoverAsync("https://idp.example", CancellationToken.None);

        Assert.Null(metadata);
        Assert.Contains("RFC 8414 section 3.3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderWithoutS256_IsRefused()
    {
        harness.Fetcher.Serve("https://idp.example/.well-known/oauth-authorization-server", Document("https://idp.example", """ "code_challenge_methods_supported":["plain"] """));

        var (metadata, error) = await harness.Get<ProviderDiscovery>().DiscoverAsync("https://idp.example", CancellationToken.None);

        Assert.Null(metadata);
        Assert.Contains("S256", error, StringComparison.Ordinal);
    }

    private static string Document(string issuer, string extra) =>
        $$"""{"issuer":"{{issuer}}","authorization_endpoint":"{{issuer}}/authorize","token_endpoint":"{{issuer}}/token"{{(extra.Length > 0 ? "," + extra : "")}}}""";
}
