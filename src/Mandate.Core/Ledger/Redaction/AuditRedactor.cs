using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Mandate.Core.Audit;

namespace Mandate.Core.Ledger.Redaction;

/// <summary>
/// Takes well-known credentials out of every string of an event before it is appended to the ledger, where it can
/// never be removed again: provider API keys by prefix (OpenAI, Anthropic, GitHub, Slack, AWS, Stripe, Google), JWTs,
/// PEM private keys, Authorization-like values (<c>Bearer</c>, <c>Basic</c>, <c>DPoP</c>, <c>password=</c>...) and the
/// password of a URL's userinfo. Each is replaced by a marker that says what was there, e.g.
/// <c>[REDACTED:jwt]</c>; the rest of the text stays as it was.
/// </summary>
public static partial class AuditRedactor
{
    /// <summary>No credential this filter knows is shorter.</summary>
    private const int ShortestSecret = 8;

    /// <summary>Strings of at most this length that held no credential are remembered (see <see cref="Clean"/>).</summary>
    private const int LongestRemembered = 256;

    private const int MostRemembered = 4096;

    /// <summary>
    /// Short strings already scanned and found clean. Most of an event's strings recur on every call (person, client,
    /// upstream, tool, scope, reason, address), so the scan runs once per distinct value instead of once per event;
    /// members unique to each event (correlation id, arguments and their digest) are always scanned and never kept.
    /// Only clean strings are kept: a string that held a credential is never remembered.
    /// </summary>
    private static readonly ConcurrentDictionary<string, bool> Clean = new(StringComparer.Ordinal);

    public static AuditEvent Redact(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return auditEvent with
        {
            Kind = RedactRecurring(auditEvent.Kind)!,
            Decision = RedactRecurring(auditEvent.Decision)!,
            Reason = RedactRecurring(auditEvent.Reason),
            Subject = RedactRecurring(auditEvent.Subject),
            ClientId = RedactRecurring(auditEvent.ClientId),
            TokenId = RedactRecurring(auditEvent.TokenId),
            Upstream = RedactRecurring(auditEvent.Upstream),
            Resource = RedactRecurring(auditEvent.Resource),
            Method = RedactRecurring(auditEvent.Method),
            Scope = RedactRecurring(auditEvent.Scope),
            Tool = RedactRecurring(auditEvent.Tool),
            ArgumentsDigest = RedactOrNull(auditEvent.ArgumentsDigest),
            Arguments = RedactOrNull(auditEvent.Arguments),
            ActorChain = RedactRecurring(auditEvent.ActorChain),
            SourceAddress = RedactRecurring(auditEvent.SourceAddress),
            CorrelationId = RedactOrNull(auditEvent.CorrelationId),
        };
    }

    /// <summary>The text with every credential the filter recognises replaced by a marker.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < ShortestSecret)
        {
            return text;
        }

        try
        {
            return CredentialPattern().Replace(text, Replace);
        }
        catch (RegexMatchTimeoutException)
        {
            // Text built to make the scan slow is not worth keeping.
            return "[REDACTED:unscannable]";
        }
    }

    private static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>As <see cref="Redact(string)"/>, remembering short clean values: for members that repeat from event to event.</summary>
    private static string? RedactRecurring(string? text)
    {
        if (text is null || text.Length < ShortestSecret || (text.Length <= LongestRemembered && Clean.ContainsKey(text)))
        {
            return text;
        }

        var redacted = Redact(text);
        if (text.Length <= LongestRemembered && ReferenceEquals(redacted, text))
        {
            if (Clean.Count >= MostRemembered)
            {
                Clean.Clear();
            }

            Clean.TryAdd(text, true);
        }

        return redacted;
    }

    private static string Replace(Match match)
    {
        foreach (var (group, kind) in CredentialKinds.Whole)
        {
            if (match.Groups[group].Success)
            {
                return $"[REDACTED:{kind}]";
            }
        }

        // The credential follows a label that is kept: "Bearer ", "password=", "https://user:".
        var label = match.Groups["scheme"].Success ? match.Groups["scheme"] : match.Groups["label"].Success ? match.Groups["label"] : match.Groups["userinfo"];
        return label.Value + "[REDACTED]" + (match.Groups["userinfo"].Success ? "@" : string.Empty);
    }

    [GeneratedRegex(CredentialKinds.Pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex CredentialPattern();
}
