using Mandate.Core.Approvals;
using Mandate.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>
/// The mandate fixture where held calls wait 30 s, with "gated" (the stateless notes server) whose write_note needs
/// a person's approval for every call, every destructive tool needing one too (Gateway:RequireApprovalForDestructive),
/// and alice's user id for tokens she can approve calls of on the Approvals page.
/// </summary>
public class ApprovalGatewayFixture : MandateGatewayFixture
{
    public string AliceId { get; private set; } = "";

    public ApprovalService Approvals => Server.Services.GetRequiredService<ApprovalService>();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Gateway:ApprovalTimeout"] = "00:00:30",
        ["Gateway:RequireApprovalForDestructive"] = "true",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AliceId = (await Server.Services.GetRequiredService<IUserStore>().FindByUsernameAsync("alice", CancellationToken.None))!.Id;
        await AddUpstreamAsync("gated", Stateless.Url, trusted: true);
        Catalog.RequireApproval("gated", "write_note");
    }

    /// <summary>Alice's pending request for a call of this tool with this argument digest, once the gateway has created it.</summary>
    public async Task<ApprovalRequest> PendingAsync(string tool, Func<ApprovalRequest, bool>? match = null, bool anyone = false)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var pending = await Approvals.ListPendingAsync(anyone ? null : AliceId, CancellationToken.None);
            if (pending.FirstOrDefault(p => p.Kind == ApprovalKind.ToolCall && p.Tool == tool && (match is null || match(p))) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException($"No approval request for {tool} appeared.");
    }
}
