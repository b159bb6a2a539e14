using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Protocol.Json;

namespace Mandate.Core.Ledger.Entries;

/// <summary>Reads a version 1 ledger entry back into an event. Never throws for bad input.</summary>
public static class LedgerEntryReader
{
    private static readonly string[] TimeFormats = ["yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'"];

    public static bool TryRead(ReadOnlySpan<byte> entry, [NotNullWhen(true)] out AuditEvent? auditEvent)
    {
        auditEvent = null;
        try
        {
            var reader = new Utf8JsonReader(entry);
            using var document = JsonDocument.ParseValue(ref reader);
            return TryRead(document.RootElement, out auditEvent);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AuditEvent? auditEvent)
    {
        auditEvent = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(LedgerEntryNames.Version, out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != LedgerEntryWriter.Version
            || JsonMembers.GetString(root, LedgerEntryNames.Time) is not { } time
            || !DateTimeOffset.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            || JsonMembers.GetString(root, LedgerEntryNames.Kind) is not { } kind
            || JsonMembers.GetString(root, LedgerEntryNames.Decision) is not { } decision)
        {
            return false;
        }

        auditEvent = new AuditEvent
        {
            Timestamp = timestamp,
            Kind = kind,
            Decision = decision,
            Reason = JsonMembers.GetString(root, LedgerEntryNames.Reason),
            Subject = JsonMembers.GetString(root, LedgerEntryNames.Subject),
            ClientId = JsonMembers.GetString(root, LedgerEntryNames.ClientId),
            TokenId = JsonMembers.GetString(root, LedgerEntryNames.TokenId),
            ActorChain = root.TryGetProperty(LedgerEntryNames.Actor, out var act) && act.ValueKind == JsonValueKind.Object ? act.GetRawText() : null,
            Upstream = JsonMembers.GetString(root, LedgerEntryNames.Upstream),
            Resource = JsonMembers.GetString(root, LedgerEntryNames.Resource),
            Method = JsonMembers.GetString(root, LedgerEntryNames.Method),
            Scope = JsonMembers.GetString(root, LedgerEntryNames.Scope),
            Tool = JsonMembers.GetString(root, LedgerEntryNames.Tool),
            ArgumentsDigest = JsonMembers.GetString(root, LedgerEntryNames.ArgumentsDigest),
            LatencyMs = root.TryGetProperty(LedgerEntryNames.LatencyMs, out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : null,
            UpstreamStatus = root.TryGetProperty(LedgerEntryNames.UpstreamStatus, out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var s) ? s : null,
            SourceAddress = JsonMembers.GetString(root, LedgerEntryNames.SourceAddress),
            CorrelationId = JsonMembers.GetString(root, LedgerEntryNames.CorrelationId),
            RelatesTo = root.TryGetProperty(LedgerEntryNames.RelatesTo, out var relates) && relates.ValueKind == JsonValueKind.Number && relates.TryGetInt64(out var r) ? r : null,
        };
        return true;
    }

}
