using System.Globalization;
using System.Text;
using System.Text.Json;
using Mandate.Core.Approvals;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>The webhook notifier: every new approval request is posted, signed by the Standard Webhooks scheme.</summary>
public sealed class ApprovalWebhookTests(CibaFixture fixture) : IClassFixture<CibaFixture>
{
    [Fact]
    public async Task NewRequest_IsPosted_Signed_WithoutSecretsOrArguments()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("binding_message", "HOOK-1"));
        var pending = await CibaHttp.PendingAsync(fixture.Server.Services, client.ClientId);

        var hook = await fixture.Callbacks.NextAsync("/webhook", c => c.Body.Contains(pending.Id, StringComparison.Ordinal));

        var id = hook.Headers["webhook-id"];
        var timestamp = long.Parse(hook.Headers["webhook-timestamp"], CultureInfo.InvariantCulture);
        var key = WebhookSignature.Key(CibaFixture.WebhookSecret);
        Assert.True(WebhookSignature.Verify(key, id, timestamp, Encoding.UTF8.GetBytes(hook.Body), hook.Headers["webhook-signature"]));
        Assert.False(WebhookSignature.Verify(key, id, timestamp + 1, Encoding.UTF8.GetBytes(hook.Body), hook.Headers["webhook-signature"]));
        var payload = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("approval.requested", payload.GetProperty("type").GetString());
        Assert.Equal("ciba", payload.GetProperty("kind").GetString());
        Assert.Equal("alice", payload.GetProperty("username").GetString());
        Assert.Equal("HOOK-1", payload.GetProperty("binding_message").GetString());
        Assert.Equal(fixture.Issuer + "/approvals", payload.GetProperty("approve_url").GetString());
        Assert.DoesNotContain(secret, hook.Body, StringComparison.Ordinal);
        Assert.False(hook.Headers.ContainsKey("Authorization"));
    }
}
