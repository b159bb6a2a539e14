using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Client.Tokens;
using Mandate.Core.Approvals;
using Mandate.Core.Gateway;
using Mandate.Demo;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mandate.Client.Tests.Mcp;

/// <summary>
/// An approval-gated tool through the MCP C# SDK: the agent hears that its call is held (with the approval's id), the
/// person decides, and the agent gets the tool's result, or a typed exception when the person said no.
/// </summary>
public sealed class HeldCallTests(DelegationServer fixture) : IClassFixture<DelegationServer>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        Assert.Equal(ToolPolicyOutcome.Done, await fixture.Server.Services.GetRequiredService<ToolPolicyAdministration>()
            .SetOverrideAsync(DemoUpstream.Name, "create_note", null, requiresApproval: true, CancellationToken.None));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HeldCall_ReportsTheApproval_AndReturnsTheResultOnceApproved()
    {
        await using var mcp = await ConnectAsync();
        var held = new List<HeldForApproval>();

        var result = await mcp.CallToolWithApprovalAsync("create_note", Note("approved-note"), notice =>
        {
            lock (held)
            {
                held.Add(notice);
                if (held.Count == 1)
                {
                    _ = Approvals.DecideAsync(notice.ApprovalId, "cli", approve: true, subject: null, CancellationToken.None);
                }
            }
        });

        Assert.NotEqual(true, result.IsError);
        var notice = Assert.Single(held.Take(1));
        Assert.Equal(ApprovalStatus.Consumed, (await Approvals.FindAsync(notice.ApprovalId, CancellationToken.None))!.Status);
        Assert.Contains(fixture.Demo.Server.Notes.List(), n => n.Title == "approved-note");
    }

    [Fact]
    public async Task HeldCall_Denied_ThrowsTheTypedException_AndNothingIsCreated()
    {
        await using var mcp = await ConnectAsync();

        var error = await Assert.ThrowsAsync<ToolCallNotApprovedException>(() => mcp.CallToolWithApprovalAsync("create_note", Note("denied-note"), notice =>
            _ = Approvals.DecideAsync(notice.ApprovalId, "cli", approve: false, subject: null, CancellationToken.None)));

        Assert.True(error.Denied);
        Assert.Equal("create_note", error.Tool);
        Assert.Equal(ApprovalStatus.Denied, (await Approvals.FindAsync(error.ApprovalId, CancellationToken.None))!.Status);
        Assert.DoesNotContain(fixture.Demo.Server.Notes.List(), n => n.Title == "denied-note");
    }

    private ApprovalService Approvals => fixture.Server.Services.GetRequiredService<ApprovalService>();

    private static Dictionary<string, object?> Note(string title) => new() { ["title"] = title, ["body"] = "held" };

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
