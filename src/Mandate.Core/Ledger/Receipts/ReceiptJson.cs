using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Core.Ledger.Receipts;

/// <summary>
/// A receipt as JSON (docs/ledger.md, "Receipts"): <c>{"v":1,"index":N,"entry":{...},"inclusion_proof":["base64",...],"checkpoint":"..."}</c>.
/// The entry is the ledger entry itself, a JSON object; its leaf data is its RFC 8785 form, so a receipt stays valid
/// however it is re-indented.
/// </summary>
public static class ReceiptJson
{
    public const int Version = 1;

    public static void WriteMembers(Utf8JsonWriter writer, LedgerReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(receipt);
        writer.WriteNumber("v", Version);
        writer.WriteNumber("index", receipt.Index);
        writer.WritePropertyName("entry");
        writer.WriteRawValue(receipt.Entry, skipInputValidation: true);
        writer.WriteStartArray("inclusion_proof");
        foreach (var hash in receipt.InclusionProof)
        {
            writer.WriteBase64StringValue(hash);
        }

        writer.WriteEndArray();
        writer.WriteString("checkpoint", receipt.Checkpoint);
    }

    public static byte[] Serialize(LedgerReceipt receipt, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            WriteMembers(writer, receipt);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a receipt. Never throws for bad input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out LedgerReceipt? receipt, [NotNullWhen(false)] out string? error)
    {
        receipt = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != Version)
            {
                error = "not a version 1 ledger receipt";
                return false;
            }

            if (!root.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number || !index.TryGetInt64(out var i) || i < 0)
            {
                error = "no index";
                return false;
            }

            if (!root.TryGetProperty("entry", out var entry) || entry.ValueKind != JsonValueKind.Object || !JsonCanonicalizer.TryCanonicalize(entry, out var entryBytes, out var entryError))
            {
                error = "no entry that is a JSON object RFC 8785 accepts";
                return false;
            }

            if (!root.TryGetProperty("checkpoint", out var checkpoint) || checkpoint.ValueKind != JsonValueKind.String)
            {
                error = "no checkpoint";
                return false;
            }

            if (!TryReadProof(root, out var proof))
            {
                error = "inclusion_proof is not an array of base64 hashes";
                return false;
            }

            receipt = new LedgerReceipt(i, entryBytes, proof, checkpoint.GetString()!);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "not JSON: " + ex.Message;
            return false;
        }
    }

    private static bool TryReadProof(JsonElement root, [NotNullWhen(true)] out List<byte[]>? proof)
    {
        proof = null;
        if (!root.TryGetProperty("inclusion_proof", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var hashes = new List<byte[]>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !item.TryGetBytesFromBase64(out var hash))
            {
                return false;
            }

            hashes.Add(hash);
        }

        proof = hashes;
        return true;
    }
}
