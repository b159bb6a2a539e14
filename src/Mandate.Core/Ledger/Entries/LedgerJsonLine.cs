using System.Buffers;
using System.Text.Json;
using Mandate.Core.Audit;

namespace Mandate.Core.Ledger.Entries;

/// <summary>
/// The export format of the ledger, one JSON object per line: <c>{"index":N,"entry":{...}}</c> with the entry byte for
/// byte as it is in the log, so that an exported line can be checked against the log's leaf hashes.
/// </summary>
public static class LedgerJsonLine
{
    public const string MediaType = "application/jsonl";

    /// <summary>The line, without its newline.</summary>
    public static void Write(IBufferWriter<byte> output, RecordedAuditEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("index", recorded.Id);
        writer.WritePropertyName("entry");
        writer.WriteRawValue(recorded.Entry, skipInputValidation: true);
        writer.WriteEndObject();
    }
}
