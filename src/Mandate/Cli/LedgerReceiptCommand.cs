using System.CommandLine;
using Mandate.Core.Ledger.Entries;
using Mandate.Core.Ledger.Receipts;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Cli;

/// <summary>mandate ledger verify-receipt FILE --key KEY: check a receipt offline, with nothing but the verifier key.</summary>
public static class LedgerReceiptCommand
{
    private static readonly Argument<string> File = new("file") { Description = "The receipt (JSON from GET /ledger/receipts/{id}); - reads standard input." };

    private static readonly Option<string> Key = new("--key") { Description = "The ledger's verifier key (`mandate ledger key`).", Required = true };

    public static Command Create()
    {
        var command = new Command("verify-receipt", "Verify a receipt offline: the checkpoint's signature with the key, and the entry's inclusion proof up to its root. Needs no data directory and no network.")
        {
            File,
            Key,
        };
        command.SetAction(VerifyAsync);
        return command;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!NoteVerifier.TryParse(parse.GetValue(Key)?.Trim(), out var key))
        {
            return Output.Fail("--key is not an Ed25519 note verifier key (name+hash+base64).");
        }

        var path = parse.GetValue(File)!;
        byte[] bytes;
        try
        {
            bytes = path == "-" ? await ReadStdinAsync(cancellationToken) : await System.IO.File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (IOException ex)
        {
            return Output.Fail($"Cannot read {path}: {ex.Message}");
        }

        var json = parse.GetValue(CommonOptions.Json);
        if (!ReceiptJson.TryParse(bytes, out var receipt, out var error))
        {
            return Report(json, ReceiptVerification.Fail("not a receipt: " + error), null);
        }

        return Report(json, ReceiptVerifier.Verify(receipt, key), receipt);
    }

    private static int Report(bool json, ReceiptVerification result, LedgerReceipt? receipt)
    {
        if (json)
        {
            Output.JsonObject(w =>
            {
                w.WriteBoolean("valid", result.IsValid);
                if (result.Error is not null)
                {
                    w.WriteString("error", result.Error);
                }

                if (result.Checkpoint is { } checkpoint && receipt is not null)
                {
                    w.WriteNumber("index", receipt.Index);
                    w.WriteString("origin", checkpoint.Origin);
                    w.WriteNumber("tree_size", checkpoint.TreeSize);
                    w.WritePropertyName("entry");
                    w.WriteRawValue(receipt.Entry);
                }
            });
        }
        else if (result.IsValid)
        {
            var e = result.Event!;
            Console.Out.WriteLine($"Valid: entry {receipt!.Index} of {result.Checkpoint!.Origin} (checkpoint of {result.Checkpoint.TreeSize} entries).");
            Console.Out.WriteLine($"  {LedgerEntryWriter.FormatTime(e.Timestamp)}  {e.Kind}  {e.Decision}  {LedgerLine.Describe(e)}");
        }
        else
        {
            Console.Error.WriteLine("error: the receipt does NOT verify: " + result.Error);
        }

        return result.IsValid ? 0 : 1;
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        var text = await Console.In.ReadToEndAsync(cancellationToken);
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
