using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Client.Tokens;
using Mandate.Core.Approvals;
using Mandate.Core.Gateway;
using Mandate.Demo;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Mandate.Client.Tests.Mcp;

/// <summary>A held call nobody approves in time: the agent hears it was held, then gets the typed exception saying "expired".</summary>
public sealed class HeldCallExpiryTests(ExpiringApprovalServer fixture) : IClassFixture<ExpiringApprovalServer>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        Assert.Equal(ToolPolicyOutcome.Done, await fixture.Server.Services.GetRequiredService<ToolPolicyAdministration>()
            .SetOverrideAsync(DemoUpstream.Name, "create_note", null, requiresApproval: true, CancellationToken.None));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HeldCall_NobodyApproves_ThrowsTheTypedExceptionAsExpired_AndNothingIsCreated()
    {
        await using var mcp = await ConnectAsync();
        var held = new List<HeldForApproval>();

        var error = await Assert.ThrowsAsync<ToolCallNotApprovedException>(() => mcp.CallToolWithApprovalAsync(
            "create_note",
            new Dictionary<string, object?> { ["title"] = "expired-note", ["body"] = "nobody answers" },
            notice =>
            {
                lock (held)
                {
                    held.Add(notice);
                }
            }));

        Assert.Equal("expired", error.Status);
        Assert.False(error.Denied);
        Assert.Equal("create_note", error.Tool);
        Assert.Contains("Nobody approved", error.Message, StringComparison.Ordinal);
        lock (held)
        {
            Assert.NotEmpty(held);
            Assert.All(held, n => Assert.Equal(error.ApprovalId, n.ApprovalId));
        }

        Assert.Equal(ApprovalStatus.Expired, (await fixture.Server.Services.GetRequiredService<ApprovalService>().FindAsync(error.ApprovalId, CancellationToken.None))!.Status);
        Assert.DoesNotContain(fixture.Demo.Server.Notes.List(), n => n.Title == "expired-note");
    }

    private async Task<McpClient> ConnectAsync()
    {
        var token = await fixture.UserTokenAsync();
        var transport = new StaticTokens(token).CreateMcpTransport(new Uri(fixture.Resource));
        return await McpClient.CreateAsync(transport);
    }

    private sealed class StaticTokens(string token) : IAccessTokenProvider
    {
        public ValueTask<TokenResponse> GetTokenAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TokenResponse { AccessToken = token, TokenType = "Bearer" });
    }
}
