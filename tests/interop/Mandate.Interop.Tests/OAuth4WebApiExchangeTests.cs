using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// RFC 8693 token exchange sent by oauth4webapi's generic token endpoint API (a third-party client that knows nothing
/// of Mandate): two hops, each narrower, each token validated by oauth4webapi as an RFC 9068 JWT, the act chain in
/// the token and in introspection, a widening refused, and revocation cascading from the root.
/// </summary>
public sealed class OAuth4WebApiExchangeTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";

    [Fact]
    public async Task TwoHopDelegation_FromOAuth4WebApisGenericGrantApi()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddResourceAsync(Resource, "tools.read", "tools.call", "tools.admin");
        var subSub = await AddAsync(server, "sub-sub-agent", null, []);
        var sub = await AddAsync(server, "sub-agent", null, ["sub-sub-agent"]);
        var orchestrator = await AddAsync(server, "orchestrator", "tools.read tools.call tools.admin", ["sub-agent"]);

        var run = await NodeScript.RunAsync(node, "oauth4webapi-exchange.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["RESOURCE"] = Resource,
            ["SCOPES"] = "tools.read tools.call tools.admin",
            ["SUB_SCOPES"] = "tools.read tools.call",
            ["SUB_SUB_SCOPES"] = "tools.read",
            ["ORCH_ID"] = "orchestrator",
            ["ORCH_SECRET"] = orchestrator,
            ["SUB_ID"] = "sub-agent",
            ["SUB_SECRET"] = sub,
            ["SUB_SUB_ID"] = "sub-sub-agent",
            ["SUB_SUB_SECRET"] = subSub,
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        var second = JsonAssert.Member(r, "sub_agent");
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", JsonAssert.Text(second, "issued_token_type"));
        Assert.Equal("bearer", JsonAssert.Text(second, "token_type"));
        Assert.Equal("tools.read tools.call", JsonAssert.Text(second, "scope"));
        Assert.False(JsonAssert.Flag(second, "refresh_token_issued"));
        Assert.Equal("orchestrator", JsonAssert.Text(second, "sub"));
        Assert.Equal("sub-agent", JsonAssert.Text(second, "client_id"));
        Assert.Equal(["sub-agent"], JsonAssert.Texts(second, "chain"));
        var third = JsonAssert.Member(r, "sub_sub_agent");
        Assert.Equal("tools.read", JsonAssert.Text(third, "scope"));
        Assert.Equal("sub-sub-agent", JsonAssert.Text(third, "client_id"));
        Assert.Equal(["sub-sub-agent", "sub-agent"], JsonAssert.Texts(third, "chain"));
        Assert.True(JsonAssert.Number(third, "exp") <= JsonAssert.Number(r, "root_exp"));
        Assert.Equal("invalid_scope", JsonAssert.Text(r, "widening_error"));
        var introspection = JsonAssert.Member(r, "introspection");
        Assert.True(JsonAssert.Flag(introspection, "active"));
        Assert.Equal(["sub-sub-agent", "sub-agent"], JsonAssert.Texts(introspection, "chain"));
        Assert.Equal([false, false], JsonAssert.Member(r, "after_revocation_active").EnumerateArray().Select(e => e.GetBoolean()));
    }

    private static async Task<string> AddAsync(MandateTestServer server, string id, string? scope, IReadOnlyList<string> mayExchangeTo)
    {
        var (_, secret) = await server.AddClientAsync(
            new ClientMetadata
            {
                ClientId = id,
                ClientName = id,
                GrantTypes = [GrantTypes.ClientCredentials, GrantTypes.TokenExchange],
                TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
                Scope = scope,
            },
            mayExchangeTo);
        return secret!;
    }
}
