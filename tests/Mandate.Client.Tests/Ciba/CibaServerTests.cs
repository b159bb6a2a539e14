using Mandate.Client.Ciba;
using Mandate.Client.Dpop;
using Mandate.Client.OAuth;
using Mandate.Core.Approvals;
using Mandate.Core.Clients;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Client.Tests.Ciba;

/// <summary>The CIBA client against a real Mandate: discovery, start, polling while the person decides.</summary>
public sealed class CibaServerTests : IAsyncLifetime
{
    private const string Resource = "https://rs.example.com/mcp";

    private MandateTestServer server = null!;
    private string clientId = null!;
    private string secret = null!;

    public async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Ciba:IntervalSeconds"] = "1" });
        await server.AddUserAsync();
        await server.AddResourceAsync(Resource, "tools.read");
        var (client, s) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = "Phone agent",
            GrantTypes = [Core.Clients.GrantTypes.Ciba],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            BackchannelTokenDeliveryMode = "poll",
        });
        (clientId, secret) = (client.ClientId, s!);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(true, CibaOutcome.Approved)]
    [InlineData(false, CibaOutcome.Denied)]
    public async Task Authenticate_ThePersonDecidesMeanwhile_TypedResult(bool approve, CibaOutcome outcome)
    {
        using var ciba = new CibaClient(new TokenClientOptions { Issuer = server.Issuer, ClientAuthentication = new ClientSecretBasic(clientId, secret), AllowHttp = true });

        var started = await ciba.StartAsync(new BackchannelAuthenticationRequest { LoginHint = "alice", Scopes = ["tools.read"], Resource = Resource, BindingMessage = "PHONE-1" });
        var waiting = ciba.WaitAsync(started);
        var approvals = server.Services.GetRequiredService<ApprovalService>();
        var pending = (await approvals.ListPendingAsync(null, CancellationToken.None)).Single(p => p.BindingMessage == "PHONE-1");
        Assert.True(await approvals.DecideAsync(pending.Id, "console:alice", approve, pending.Subject, CancellationToken.None));
        var result = await waiting;

        Assert.Equal(TimeSpan.FromSeconds(1), started.Interval);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(approve, result.Tokens is not null);
    }

    [Fact]
    public async Task Authenticate_WithADpopKey_TheTokenIsBoundToIt()
    {
        using var key = DpopKey.Generate();
        using var ciba = new CibaClient(new TokenClientOptions { Issuer = server.Issuer, ClientAuthentication = new ClientSecretBasic(clientId, secret), AllowHttp = true, DpopKey = key, RequireDpopBoundTokens = true });

        var started = await ciba.StartAsync(new BackchannelAuthenticationRequest { LoginHint = "alice", Scopes = ["tools.read"], Resource = Resource, BindingMessage = "DPOP-1" });
        var approvals = server.Services.GetRequiredService<ApprovalService>();
        var pending = (await approvals.ListPendingAsync(null, CancellationToken.None)).Single(p => p.BindingMessage == "DPOP-1");
        await approvals.DecideAsync(pending.Id, "cli", approve: true, null, CancellationToken.None);
        var result = await ciba.WaitAsync(started);

        Assert.True(result.Tokens!.IsDpopBound);
    }

    [Fact]
    public async Task Authenticate_NobodyDecides_Expired()
    {
        using var ciba = new CibaClient(new TokenClientOptions { Issuer = server.Issuer, ClientAuthentication = new ClientSecretBasic(clientId, secret), AllowHttp = true });

        var result = await ciba.AuthenticateAsync(new BackchannelAuthenticationRequest { LoginHint = "alice", Scopes = ["tools.read"], Resource = Resource, RequestedExpiry = TimeSpan.FromSeconds(2) });

        Assert.Equal(CibaOutcome.Expired, result.Outcome);
    }
}
