using Mandate.Core.Clients;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>A server that may call loopback URLs (ping callbacks, the webhook), with a loopback site receiving them.</summary>
public sealed class CibaFixture : ServerFixture
{
    public const string WebhookSecret = "an-approval-webhook-secret-of-32+chars";

    private CallbackHost? callbacks;

    public CallbackHost Callbacks => callbacks ?? throw new InvalidOperationException("Not started.");

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Security:AllowLoopbackFetch"] = "true",
        ["Approvals:WebhookUrl"] = Callbacks.BaseUrl + "/webhook",
        ["Approvals:WebhookSecret"] = WebhookSecret,
    };

    public override async Task InitializeAsync()
    {
        callbacks = await CallbackHost.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>A confidential client with the CIBA grant in poll mode, or ping mode calling back to the loopback site.</summary>
    public async Task<(OAuthClient Client, string Secret)> NewCibaClientAsync(bool ping = false, bool refresh = false)
    {
        var (client, secret) = await Server.AddClientAsync(new ClientMetadata
        {
            ClientName = "Agent on another device",
            GrantTypes = refresh ? [GrantTypes.Ciba, GrantTypes.RefreshToken] : [GrantTypes.Ciba],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            Scope = "tools.read tools.call",
            BackchannelTokenDeliveryMode = ping ? "ping" : "poll",
            BackchannelClientNotificationEndpoint = ping ? Callbacks.BaseUrl + "/ping/" + Guid.NewGuid().ToString("N") : null,
        });
        return (client, secret!);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (callbacks is not null)
        {
            await callbacks.DisposeAsync();
        }
    }
}
