using Mandate.Core.Clients;
using Mandate.Testing;

namespace Mandate.Server.Tests.Support;

/// <summary>
/// One server per test class: user alice, two resources, and a confidential client. Tests whose outcome depends on
/// consent state register their own public client, so the order tests run in does not matter.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string OtherResource = "https://files.example.com/api";

    private MandateTestServer? server;

    public MandateTestServer Server => server ?? throw new InvalidOperationException("Not started.");

    public string Issuer => Server.Issuer;

    public OAuthClient Confidential { get; private set; } = null!;

    public string ConfidentialSecret { get; private set; } = null!;

    public string UserId { get; private set; } = null!;

    /// <summary>A browser shared by the tests of one class (they run one after another), signed in after its first flow.</summary>
    public BrowserSession Browser { get; } = new();

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync(Settings);
        UserId = (await server.AddUserAsync()).Id;
        await server.AddResourceAsync(TestFlow.Resource, "tools.read", "tools.call");
        await server.AddResourceAsync(OtherResource, "files.read");
        var (client, secret) = await server.AddConfidentialClientAsync(TestFlow.Redirect, "tools.read tools.call");
        Confidential = client;
        ConfidentialSecret = secret!;
    }

    public async Task<OAuthClient> NewPublicClientAsync(string redirect = TestFlow.Redirect) => (await Server.AddPublicClientAsync(redirect)).Client;

    public async Task<(OAuthClient Client, string Secret)> NewConfidentialClientAsync(string? scope = "tools.read tools.call")
    {
        var (client, secret) = await Server.AddConfidentialClientAsync(TestFlow.Redirect, scope);
        return (client, secret!);
    }

    public virtual async Task DisposeAsync()
    {
        Browser.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
