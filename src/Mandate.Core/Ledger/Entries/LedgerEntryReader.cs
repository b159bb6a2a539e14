using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Mandate.Core.Audit;

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
            || Text(root, LedgerEntryNames.Time) is not { } time
            || !DateTimeOffset.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            || Text(root, LedgerEntryNames.Kind) is not { } kind
            || Text(root, LedgerEntryNames.Decision) is not { } decision)
        {
            return false;
        }

        auditEvent = new AuditEvent
        {
            Timestamp = timestamp,
            Kind = kind,
            Decision = decision,
            Reason = Text(root, LedgerEntryNames.Reason),
            Subject = Text(root, LedgerEntryNames.Subject),
            ClientId = Text(root, LedgerEntryNames.ClientId),
            TokenId = Text(root, LedgerEntryNames.TokenId),
            ActorChain = root.TryGetProperty(LedgerEntryNames.Actor, out var act) && act.ValueKind == JsonValueKind.Object ? act.GetRawText() : null,
            Upstream = Text(root, LedgerEntryNames.Upstream),
            Resource = Text(root, LedgerEntryNames.Resource),
            Method = Text(root, LedgerEntryNames.Method),
            Tool = Text(root, LedgerEntryNames.Tool),
            ArgumentsDigest = Text(root, LedgerEntryNames.ArgumentsDigest),
            LatencyMs = root.TryGetProperty(LedgerEntryNames.LatencyMs, out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : null,
            UpstreamStatus = root.TryGetProperty(LedgerEntryNames.UpstreamStatus, out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var s) ? s : null,
            SourceAddress = Text(root, LedgerEntryNames.SourceAddress),
            CorrelationId = Text(root, LedgerEntryNames.CorrelationId),
            RelatesTo = root.TryGetProperty(LedgerEntryNames.RelatesTo, out var relates) && relates.ValueKind == JsonValueKind.Number && relates.TryGetInt64(out var r) ? r : null,
        };
        return true;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
