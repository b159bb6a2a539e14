using System.Security.Cryptography;
using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// The approval webhook's signature checked by the Standard Webhooks reference library (npm `standardwebhooks`):
/// a CIBA request creates an approval request, Mandate posts the webhook, the library verifies it, and refuses it
/// with a changed body or another secret.
/// </summary>
public sealed class StandardWebhooksTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";

    [Fact]
    public async Task ApprovalWebhook_VerifiesWithTheStandardWebhooksLibrary()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        var port = FreePort.Next();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Security:AllowLoopbackFetch"] = "true",
            ["Approvals:WebhookUrl"] = $"http://127.0.0.1:{port}/hooks/mandate",
            ["Approvals:WebhookSecret"] = secret,
        });
        var user = await server.AddUserAsync();
        await server.AddResourceAsync(Resource, "tools.read");
        var (client, clientSecret) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = "Webhook agent",
            GrantTypes = [GrantTypes.Ciba],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            BackchannelTokenDeliveryMode = "poll",
        });

        var run = await NodeScript.RunAsync(node, "standardwebhooks-approval.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WEBHOOK_SECRET"] = secret,
            ["CLIENT_ID"] = client.ClientId,
            ["CLIENT_SECRET"] = clientSecret!,
            ["RESOURCE"] = Resource,
            ["MANDATE_USERNAME"] = "alice",
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        Assert.Equal("/hooks/mandate", JsonAssert.Text(r, "path"));
        Assert.True(JsonAssert.Flag(r, "verified"));
        Assert.True(JsonAssert.Flag(r, "tampered_rejected"));
        Assert.True(JsonAssert.Flag(r, "wrong_secret_rejected"));
        Assert.Equal("approval.requested", JsonAssert.Text(r, "payload.type"));
        Assert.Equal("ciba", JsonAssert.Text(r, "payload.kind"));
        Assert.Equal(user.Id, JsonAssert.Text(r, "payload.subject"));
        Assert.Equal("alice", JsonAssert.Text(r, "payload.username"));
        Assert.Equal(client.ClientId, JsonAssert.Text(r, "payload.client_id"));
        Assert.Equal(server.Issuer + "/approvals", JsonAssert.Text(r, "payload.approve_url"));
    }
}
