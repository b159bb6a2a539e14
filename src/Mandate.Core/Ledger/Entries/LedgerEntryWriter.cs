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
    public static byte[] Encode(AuditEvent e, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber(LedgerEntryNames.Version, Version);
            w.WriteString(LedgerEntryNames.Time, FormatTime(e.Timestamp));
            w.WriteString(LedgerEntryNames.Kind, e.Kind);
            w.WriteString(LedgerEntryNames.Decision, e.Decision);
            Text(w, LedgerEntryNames.Reason, e.Reason);
            Text(w, LedgerEntryNames.Subject, e.Subject);
            Text(w, LedgerEntryNames.ClientId, e.ClientId);
            Text(w, LedgerEntryNames.TokenId, e.TokenId);
            if (e.ActorChain is not null)
            {
                w.WritePropertyName(LedgerEntryNames.Actor);
                w.WriteRawValue(e.ActorChain);
            }

            Text(w, LedgerEntryNames.Upstream, e.Upstream);
            Text(w, LedgerEntryNames.Resource, e.Resource);
            Text(w, LedgerEntryNames.Method, e.Method);
            Text(w, LedgerEntryNames.Scope, e.Scope);
            Text(w, LedgerEntryNames.Tool, e.Tool);
            Text(w, LedgerEntryNames.ArgumentsDigest, e.ArgumentsDigest);
            Number(w, LedgerEntryNames.LatencyMs, e.LatencyMs);
            Number(w, LedgerEntryNames.UpstreamStatus, e.UpstreamStatus);
            Text(w, LedgerEntryNames.SourceAddress, e.SourceAddress);
            Text(w, LedgerEntryNames.CorrelationId, e.CorrelationId);
            Number(w, LedgerEntryNames.RelatesTo, e.RelatesTo);
            if (truncated)
            {
                w.WriteBoolean(LedgerEntryNames.Truncated, true);
            }

            w.WriteEndObject();
        }

        return JsonCanonicalizer.TryCanonicalize(buffer.WrittenSpan, out var canonical, out var error)
            ? canonical
            : throw new ArgumentException("The event cannot be canonicalized: " + error, nameof(e));
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

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }
}
