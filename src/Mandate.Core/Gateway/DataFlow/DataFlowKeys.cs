using Mandate.Core.Tokens;

namespace Mandate.Core.Gateway.DataFlow;

/// <summary>
/// Whose reading of private data an egress call answers for: every grant of the token's mandate chain (a sub-agent's
/// read taints its parent and siblings, and a parent's read taints the sub-agents it hands work to), and the MCP
/// session; a token without a mandate is tracked by its session and by itself (jti).
/// </summary>
public static class DataFlowKeys
{
    public static IReadOnlyList<string> For(AccessTokenClaims claims, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var keys = new List<string>();
        if (claims.MandateGrants is { } chain)
        {
            keys.AddRange(chain.Ids.Select(id => "grant:" + id));
        }
        else
        {
            keys.Add("token:" + claims.TokenId);
        }

        if (sessionId is not null)
        {
            keys.Add("session:" + sessionId);
        }

        return keys;
    }
}
