using System.CommandLine;
using Mandate.Core.Ledger.Checkpoints;

namespace Mandate.Cli;

/// <summary>mandate ledger: the tamper-evident audit ledger (docs/ledger.md).</summary>
public static class LedgerCommand
{
    public static Command Create()
    {
        var key = new Command("key", "Print the ledger's verifier key (name+hash+base64): what auditors keep to check checkpoints and receipts.");
        key.SetAction(KeyAsync);
        return new Command("ledger", "Read and verify the audit ledger.")
        {
            key,
            LedgerVerifyCommand.Create(),
            LedgerReceiptCommand.Create(),
            LedgerReadCommands.CreateTail(),
            LedgerReadCommands.CreateSearch(),
        };
    }

    private static async Task<int> KeyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var key = context.Get<LedgerKey>();
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("origin", key.Origin);
                w.WriteString("verifier_key", key.VerifierKey);
            });
        }
        else
        {
            Console.Out.WriteLine(key.VerifierKey);
        }

        return 0;
    }
}
