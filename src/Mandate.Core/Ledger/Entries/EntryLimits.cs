using System.Text;
using Mandate.Core.Audit;
using Mandate.Protocol.Json;

namespace Mandate.Core.Ledger.Entries;

/// <summary>
/// Makes an event fit an entry: every string well-formed (an unpaired surrogate, which RFC 8785 refuses, becomes
/// U+FFFD) and at most so many characters (cut with "…"), the act chain a JSON object of bounded size, numbers finite.
/// </summary>
internal static class EntryLimits
{
    public const string Ellipsis = "\u2026";

    /// <param name="textLimit">The longest string kept whole, in UTF-16 code units.</param>
    /// <param name="actLimit">The longest act chain kept (compact JSON characters); 0 drops it.</param>
    /// <param name="truncated">Whether anything was cut or dropped.</param>
    public static AuditEvent Fit(AuditEvent e, int textLimit, int actLimit, out bool truncated)
    {
        var cut = false;
        string? Text(string? value) => value is null ? null : Limit(value, textLimit, ref cut);
        var act = e.ActorChain;
        if (act is not null && (act.Length > actLimit || !IsJsonObject(act)))
        {
            act = null;
            cut = true;
        }

        var fitted = e with
        {
            Kind = Limit(e.Kind, textLimit, ref cut),
            Decision = Limit(e.Decision, textLimit, ref cut),
            Reason = Text(e.Reason),
            Subject = Text(e.Subject),
            ClientId = Text(e.ClientId),
            TokenId = Text(e.TokenId),
            Upstream = Text(e.Upstream),
            Resource = Text(e.Resource),
            Method = Text(e.Method),
            Scope = Text(e.Scope),
            Tool = Text(e.Tool),
            ArgumentsDigest = Text(e.ArgumentsDigest),
            ActorChain = act,
            SourceAddress = Text(e.SourceAddress),
            CorrelationId = Text(e.CorrelationId),
            LatencyMs = e.LatencyMs is { } latency && double.IsFinite(latency) ? latency : null,
        };
        truncated = cut;
        return fitted;
    }

    private static string Limit(string value, int limit, ref bool cut)
    {
        var text = WellFormed(value);
        if (text.Length <= limit)
        {
            return text;
        }

        cut = true;
        var end = limit - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), Ellipsis);
    }

    private static string WellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]))
            {
                var builder = new StringBuilder(value.Length);
                foreach (var rune in value.EnumerateRunes())
                {
                    // EnumerateRunes yields U+FFFD for each unpaired surrogate.
                    builder.Append(rune.ToString());
                }

                return builder.ToString();
            }
        }

        return value;
    }

    /// <summary>A JSON object RFC 8785 accepts (no duplicate names, no unpaired surrogates, numbers within doubles).</summary>
    private static bool IsJsonObject(string json) =>
        json.StartsWith('{') && JsonCanonicalizer.TryCanonicalize(Encoding.UTF8.GetBytes(json), out _, out _);
}
