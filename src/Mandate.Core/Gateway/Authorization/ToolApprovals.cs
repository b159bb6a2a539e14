using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// Which allowed tool calls also need a person's approval: tools the operator set to "approval", and destructive tools
/// when Gateway:RequireApprovalForDestructive is on. Approval comes on top of the scope (or mandate) check, never instead.
/// </summary>
public sealed class ToolApprovals(IToolCatalog catalog, IOptions<MandateOptions> options)
{
    /// <summary>Why the call needs approval, or null when it does not.</summary>
    public async Task<string?> ReasonAsync(Upstream upstream, string tool, PermissionLevel level, CancellationToken cancellationToken)
    {
        if (await catalog.RequiresApprovalAsync(upstream, tool, cancellationToken))
        {
            return "tool requires approval";
        }

        return level == PermissionLevel.Destructive && options.Value.Gateway.RequireApprovalForDestructive
            ? "destructive tool requires approval"
            : null;
    }
}
