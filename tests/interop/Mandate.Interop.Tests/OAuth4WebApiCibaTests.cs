using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// oauth4webapi's CIBA client (poll mode) against Mandate: backchannel request, polling with authorization_pending
/// and slow_down while the person approves on the console's Approvals page, tokens once, then denial, expiry and an
/// unknown user.
/// </summary>
public sealed class OAuth4WebApiCibaTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";

    [Fact]
    public async Task PollMode_ApprovedOnTheConsole_PassesEveryCheck()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Ciba:IntervalSeconds"] = "1" });
        var user = await server.AddUserAsync();
        await server.AddResourceAsync(Resource, "tools.read", "tools.call");
        var (client, secret) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = "oauth4webapi CIBA agent",
            GrantTypes = [GrantTypes.Ciba],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            BackchannelTokenDeliveryMode = "poll",
        });

        var run = await NodeScript.RunAsync(node, "oauth4webapi-ciba.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_ID"] = client.ClientId,
            ["CLIENT_SECRET"] = secret!,
            ["RESOURCE"] = Resource,
            ["SCOPE"] = "tools.read",
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        Assert.Equal(server.Issuer + "/bc-authorize", JsonAssert.Text(r, "backchannel_authentication_endpoint"));
        Assert.Equal(["poll", "ping"], JsonAssert.Texts(r, "backchannel_token_delivery_modes_supported"));
        Assert.False(JsonAssert.Flag(r, "backchannel_user_code_parameter_supported"));
        Assert.True(JsonAssert.Flag(r, "grant_type_listed"));
        Assert.Equal(120, JsonAssert.Number(r, "expires_in"));
        Assert.Equal(1, JsonAssert.Number(r, "interval"));
        Assert.Equal("authorization_pending", JsonAssert.Text(r, "first_poll"));
        Assert.Equal("slow_down", JsonAssert.Text(r, "second_poll"));
        Assert.Equal("bearer", JsonAssert.Text(r, "token_type"));
        Assert.Equal("tools.read", JsonAssert.Text(r, "scope"));
        Assert.Equal(user.Id, JsonAssert.Text(r, "sub"));
        Assert.Equal(client.ClientId, JsonAssert.Text(r, "client_id"));
        Assert.Equal(Resource, JsonAssert.Text(r, "aud"));
        Assert.Equal("invalid_grant", JsonAssert.Text(r, "reuse"));
        Assert.Equal("access_denied", JsonAssert.Text(r, "denied"));
        Assert.Equal("expired_token", JsonAssert.Text(r, "expired"));
        Assert.Equal("unknown_user_id", JsonAssert.Text(r, "unknown_user"));
    }
}
