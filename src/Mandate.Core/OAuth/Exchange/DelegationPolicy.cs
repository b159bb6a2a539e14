using Mandate.Core.Clients;
using Mandate.Core.Tokens;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>
/// Who may act for whom. A client may always narrow its own tokens. Another client may exchange them when the
/// subject token's may_act names it, or (without may_act) when the operator listed it in the holder's
/// may-exchange-to.
/// </summary>
public sealed class DelegationPolicy(IClientStore clients)
{
    /// <returns>Null when allowed, or why not (safe to return to the caller: it names clients, never token contents).</returns>
    public async Task<string?> RefusalAsync(AccessTokenClaims subject, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.Equals(subject.ClientId, actor.ClientId, StringComparison.Ordinal))
        {
            return null;
        }

        if (subject.MayAct is { } mayAct)
        {
            return mayAct.Allows(actor) ? null : "The subject token's may_act does not name this client.";
        }

        var holder = await clients.FindAsync(subject.ClientId, cancellationToken);
        return holder is not null && holder.MayExchangeTo.Contains(actor.ClientId, StringComparer.Ordinal)
            ? null
            : "This client may not exchange tokens issued to the subject token's client.";
    }

    /// <summary>The may_act a new token for this client carries: set when the operator allowed exactly one client.</summary>
    public static MayAct? MayActFor(OAuthClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.MayExchangeTo.Count == 1 ? new MayAct(null, client.MayExchangeTo[0]) : null;
    }
}
