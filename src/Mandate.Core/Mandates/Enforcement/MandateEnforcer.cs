using System.Runtime.CompilerServices;
using Mandate.Core.Tokens;
using Mandate.Protocol.Resources;

namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// Checks one tools/call against the token's mandate: the tool must be in it, the mandate unexpired, and the arguments
/// must satisfy the tool's schema; an allowed call carries the counters it must pass (its own grant's limit and every
/// ancestor's, <see cref="MandateGrantChain"/>), which the caller counts at forward time. Compiled mandates are kept
/// per token (the gateway caches the token's claims), their schemas per grant (<see cref="ArgumentSchemaCache"/>).
/// </summary>
public sealed class MandateEnforcer(ArgumentSchemaCache schemas, TimeProvider time)
{
    private readonly ConditionalWeakTable<TaskMandate, CompiledMandate> compiled = [];

    /// <summary>Whether the token's mandate governs calls at this resource (it lists the resource among its locations).</summary>
    public static bool Governs(AccessTokenClaims claims, string resourceUri)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.Mandate is { } mandate && mandate.Locations.Any(l => string.Equals(l, resourceUri, StringComparison.Ordinal) || ResourceIndicator.AreEquivalent(l, resourceUri));
    }

    /// <summary>Whether a tools/list entry is shown to a token whose mandate governs here (the caller also leaves out Deny tools).</summary>
    public static bool Lists(AccessTokenClaims claims, string tool)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.Mandate?.FindTool(tool) is not null;
    }

    public MandateVerdict Check(AccessTokenClaims claims, string? tool, ReadOnlyMemory<byte>? arguments)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var mandate = claims.Mandate ?? throw new ArgumentException("The token carries no mandate.", nameof(claims));
        if (time.GetUtcNow() >= mandate.ExpiresAt)
        {
            return MandateVerdict.Refuse("mandate expired");
        }

        var compiledMandate = compiled.GetValue(mandate, m => new CompiledMandate(m, schemas));
        if (tool is null || !compiledMandate.TryGetTool(tool, out var granted, out var schema))
        {
            return MandateVerdict.Refuse("tool not in mandate");
        }

        if (schema?.FirstFailure(arguments) is { } failure)
        {
            return MandateVerdict.Refuse(failure);
        }

        var charges = Charges(claims.MandateGrants, mandate, granted);
        if (charges is null)
        {
            return MandateVerdict.Refuse("the mandate has no grant to count calls against (token from an older version; authorize again)");
        }

        return charges.Count == 0 ? MandateVerdict.AllowedUncounted : new MandateVerdict(null, charges);
    }

    /// <summary>The counters a call of this tool passes: every ancestor's limit on it and the grant's own; null when limits exist but no grant does.</summary>
    private static List<CallCharge>? Charges(MandateGrantChain? chain, TaskMandate mandate, MandateTool tool)
    {
        var charges = new List<CallCharge>();
        if (chain is null)
        {
            return tool.MaxCalls is null ? charges : null;
        }

        foreach (var ancestor in chain.Ancestors)
        {
            if (ancestor.MaxCalls.TryGetValue(tool.Name, out var max))
            {
                charges.Add(new CallCharge(ancestor.Id, tool.Name, max, mandate.ExpiresAt));
            }
        }

        if (tool.MaxCalls is { } own)
        {
            charges.Add(new CallCharge(chain.Id, tool.Name, own, mandate.ExpiresAt));
        }

        return charges;
    }
}
