using System.CommandLine;
using Mandate.Core.Ledger.Checkpoints;
using Mandate.Core.Ledger.Verification;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Cli;

/// <summary>mandate ledger verify [--from-checkpoint F] [--key K]: recompute the whole log and check every checkpoint.</summary>
public static class LedgerVerifyCommand
{
    private static readonly Option<FileInfo?> FromCheckpoint = new("--from-checkpoint")
    {
        Description = "A signed checkpoint saved earlier (GET /ledger/checkpoint): the log must still be consistent with it.",
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = "The ledger's verifier key to check signatures with (default: the key in the data directory).",
    };

    public static Command Create()
    {
        var verify = new Command("verify", "Recompute the ledger's Merkle tree from every stored entry, check every stored checkpoint's signature and root, and consistency with a checkpoint saved earlier. Exit code 1 when anything is wrong.")
        {
            FromCheckpoint,
            Key,
        };
        verify.SetAction(VerifyAsync);
        return verify;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var saved = parse.GetValue(FromCheckpoint);
        if (saved is not null && !saved.Exists)
        {
            return Output.Fail($"{saved.FullName} does not exist.");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        NoteVerifier? key;
        if (parse.GetValue(Key) is { } keyText)
        {
            if (!NoteVerifier.TryParse(keyText.Trim(), out key))
            {
                return Output.Fail("--key is not an Ed25519 note verifier key (name+hash+base64).");
            }
        }
        else if (File.Exists(Path.Combine(context.DataDir, LedgerKey.FileName)))
        {
            key = context.Get<LedgerKey>().Signer.Verifier;
        }
        else
        {
            return Output.Fail($"There is no ledger key in {Path.GetFullPath(context.DataDir)}; pass the verifier key with --key.");
        }

        var checkpoint = saved is null ? null : await File.ReadAllTextAsync(saved.FullName, cancellationToken);
        var result = await context.Get<LedgerVerifier>().VerifyAsync(key, checkpoint, cancellationToken);
        Print(context.Json, result);
        return result.IsValid ? 0 : 1;
    }

    private static void Print(bool json, LedgerVerification result)
    {
        if (json)
        {
            Output.JsonObject(w =>
            {
                w.WriteBoolean("valid", result.IsValid);
                w.WriteNumber("entries", result.EntryCount);
                w.WriteNumber("checkpoints", result.CheckpointsChecked);
                w.WriteBase64String("root", result.Root);
                w.WriteStartArray("problems");
                result.Problems.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteNumber("problems_not_listed", result.ProblemsNotListed);
            });
            return;
        }

        if (result.IsValid)
        {
            Console.Out.WriteLine($"The ledger verifies: {result.EntryCount} entries, {result.CheckpointsChecked} checkpoints, root {Convert.ToBase64String(result.Root)}.");
            return;
        }

        Console.Out.WriteLine($"The ledger does NOT verify ({result.EntryCount} entries read, {result.CheckpointsChecked} checkpoints):");
        foreach (var problem in result.Problems)
        {
            Console.Out.WriteLine("  - " + problem);
        }

        if (result.ProblemsNotListed > 0)
        {
            Console.Out.WriteLine($"  ... and {result.ProblemsNotListed} more.");
        }
    }
}
