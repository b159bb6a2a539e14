using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Redaction;
using Mandate.Protocol.Json;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Tiles;

namespace Mandate.Core.Ledger.Entries;

/// <summary>
/// Turns an event into a ledger entry: redacted (<see cref="AuditRedactor"/>), limited in size, and written as the
/// RFC 8785 canonical JSON of a version 1 entry (snake_case members, no nulls). An entry stays under 64 KiB, the
/// most a C2SP entry bundle can hold: free text is cut at 1,024 characters, and should an entry still be too large,
/// at 128 with the act chain dropped; a cut entry says <c>"truncated": true</c>.
/// </summary>
public static class LedgerEntryWriter
{
    public const int Version = 1;

    public const int MaxEntryBytes = EntryBundle.MaxEntryLength;

    internal const int TextLimit = 1024;
    internal const int TightTextLimit = 128;
    internal const int ActLimit = 8 * 1024;

    /// <summary>Redacts, limits, encodes and hashes an event. The record's event is what the entry says.</summary>
    public static LedgerRecord Prepare(AuditEvent auditEvent)
    {
        var redacted = AuditRedactor.Redact(auditEvent);
        var fitted = EntryLimits.Fit(redacted, TextLimit, ActLimit, out var truncated);
        var entry = Encode(fitted, truncated);
        if (entry.Length > MaxEntryBytes)
        {
            fitted = EntryLimits.Fit(redacted, TightTextLimit, 0, out _);
            entry = Encode(fitted, truncated: true);
        }

        return new LedgerRecord(entry, MerkleHash.HashLeaf(entry), fitted);
    }

    /// <summary>The canonical entry of an event as it is (no redaction, no limits): it must already fit.</summary>
    /// <remarks>
    /// Written straight in RFC 8785 form, members in canonical (UTF-16 code-unit) order, rather than written as JSON and
    /// canonicalized after: the same bytes for a fraction of the work (the ledger encodes every event on the gateway's
    /// hot path). Only the act chain, which arrives as JSON text, is parsed and canonicalized.
    /// </remarks>
    public static byte[] Encode(AuditEvent e, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        var w = new CanonicalObjectWriter(buffer);
        if (e.ActorChain is not null)
        {
            using var act = ParseActorChain(e.ActorChain);
            if (!w.TryWriteValue(LedgerEntryNames.Actor, act.RootElement, out var error))
            {
                throw new ArgumentException("The act chain cannot be canonicalized: " + error, nameof(e));
            }
        }

        Text(w, LedgerEntryNames.Arguments, e.Arguments);
        Text(w, LedgerEntryNames.ArgumentsDigest, e.ArgumentsDigest);
        Text(w, LedgerEntryNames.ClientId, e.ClientId);
        Text(w, LedgerEntryNames.CorrelationId, e.CorrelationId);
        Text(w, LedgerEntryNames.Decision, e.Decision);
        Text(w, LedgerEntryNames.TokenId, e.TokenId);
        Text(w, LedgerEntryNames.Kind, e.Kind);
        Number(w, LedgerEntryNames.LatencyMs, e.LatencyMs);
        Text(w, LedgerEntryNames.Method, e.Method);
        Text(w, LedgerEntryNames.Reason, e.Reason);
        Number(w, LedgerEntryNames.RelatesTo, e.RelatesTo);
        Text(w, LedgerEntryNames.Resource, e.Resource);
        Text(w, LedgerEntryNames.Scope, e.Scope);
        Text(w, LedgerEntryNames.SourceAddress, e.SourceAddress);
        Text(w, LedgerEntryNames.Subject, e.Subject);
        Text(w, LedgerEntryNames.Time, FormatTime(e.Timestamp));
        Text(w, LedgerEntryNames.Tool, e.Tool);
        if (truncated)
        {
            w.WriteBoolean(LedgerEntryNames.Truncated, true);
        }

        Text(w, LedgerEntryNames.Upstream, e.Upstream);
        Number(w, LedgerEntryNames.UpstreamStatus, e.UpstreamStatus);
        w.WriteNumber(LedgerEntryNames.Version, Version);
        w.End();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 in UTC with the fraction of a second to 100 ns, trailing zeros dropped: 2026-11-28T10:00:00.5Z.</summary>
    public static string FormatTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var text = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? text + "Z"
            : text + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    private static JsonDocument ParseActorChain(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The act chain is not JSON: " + ex.Message, nameof(json), ex);
        }
    }

    private static void Text(CanonicalObjectWriter w, string name, string? value)
    {
        if (value is not null && !w.TryWriteString(name, value))
        {
            throw new ArgumentException($"Member \"{name}\" holds an unpaired surrogate.", nameof(value));
        }
    }

    private static void Number(CanonicalObjectWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }

    private static void Number(CanonicalObjectWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }
}
