using Mandate.Core.Approvals;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Mandate.Demo;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// The official MCP TypeScript SDK (mcp-held-call.mjs) calls the demo upstream's create_note, which needs a person's
/// approval: the SDK's onprogress hears the gateway's progress notifications (with the approval's id) while the call
/// is held; approved as the CLI does, it gets the tool's result; denied, a tool error saying so.
/// </summary>
public sealed class HeldCallTypeScriptSdkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TypeScriptSdk_HearsProgressWhileHeld_ThenGetsTheDecision(bool approve)
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        var alice = await server.AddUserAsync("alice");
        await server.Services.GetRequiredService<ToolPolicyAdministration>().SetOverrideAsync(DemoUpstream.Name, "create_note", null, requiresApproval: true, CancellationToken.None);
        var title = "ts-held-" + Random.Shared.Next(1000, 9999);
        var token = new AccessTokenIssuer(server.Services.GetRequiredService<KeyRing>(), server.Services.GetRequiredService<IOptions<MandateOptions>>(), server.Services.GetRequiredService<TimeProvider>())
            .Issue(new AccessTokenRequest { Subject = alice.Id, ClientId = "ts-agent", Resource = demo.GatewayUrl, Scopes = [GatewayScopes.Read, GatewayScopes.Write] })
            .Token;

        var running = NodeScript.RunAsync(node, "mcp-held-call.mjs", new Dictionary<string, string>
        {
            ["MCP_URL"] = demo.GatewayUrl,
            ["ACCESS_TOKEN"] = token,
            ["TOOL"] = "create_note",
            ["ARGS"] = $$"""{"title":"{{title}}","body":"held for approval"}""",
        });
        var approvals = server.Services.GetRequiredService<ApprovalService>();
        var pending = await PendingAsync(approvals, alice.Id, title);
        Assert.True(await approvals.DecideAsync(pending.Id, "cli", approve, subject: null, CancellationToken.None));
        var run = await running;
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(result, "ok"));
        var progress = result.GetProperty("progress").EnumerateArray().ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(pending.Id, p.GetProperty("approval_id").GetString()));
        Assert.Equal(!approve, JsonAssert.Flag(result, "is_error"));
        if (approve)
        {
            Assert.Contains(title, JsonAssert.Text(result, "text"), StringComparison.Ordinal);
            Assert.Contains(demo.Server.Notes.List(), n => n.Title == title);
        }
        else
        {
            Assert.Equal("denied", JsonAssert.Text(result, "approval_status"));
            Assert.DoesNotContain(demo.Server.Notes.List(), n => n.Title == title);
        }
    }

    private static async Task<ApprovalRequest> PendingAsync(ApprovalService approvals, string subject, string marker)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var pending = await approvals.ListPendingAsync(subject, CancellationToken.None);
            if (pending.FirstOrDefault(p => p.ArgumentsPreview?.Contains(marker, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The held call's approval request never appeared.");
    }
}
