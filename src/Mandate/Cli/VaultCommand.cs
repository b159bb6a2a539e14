using System.CommandLine;
using Mandate.Core.Configuration;
using Mandate.Core.Vault.Encryption;
using Microsoft.Extensions.Options;

namespace Mandate.Cli;

/// <summary>mandate vault status|rotate-key|retire-key: the credential vault's master keys.</summary>
public static class VaultCommand
{
    private static readonly Argument<string> KeyId = new("key-id") { Description = "The master key to remove (as `vault status` lists it)." };

    public static Command Create()
    {
        var status = new Command("status", "Show the master key provider, the active master key and how many data keys each master key wraps.");
        status.SetAction(StatusAsync);
        var rotate = new Command("rotate-key", "Introduce a new master key (file provider) and re-wrap every data key with it; servers keep running throughout. Safe to run again after an interruption.");
        rotate.SetAction(RotateAsync);
        var retire = new Command("retire-key", "Remove an old master key from the key file once no data key uses it (file provider).") { KeyId };
        retire.SetAction(RetireAsync);
        return new Command("vault", "Manage the credential vault's master keys.") { status, rotate, retire };
    }

    private static async Task<int> StatusAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var provider = context.Get<IOptions<MandateOptions>>().Value.Vault.KeyProvider;
        var active = context.Get<IMasterKeyProvider>().ActiveKeyId;
        var usage = await context.Get<MasterKeyRotation>().UsageAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("key_provider", provider);
                w.WriteString("active_master_key", active);
                w.WriteStartObject("data_keys_by_master_key");
                foreach (var (id, count) in usage)
                {
                    w.WriteNumber(id, count);
                }

                w.WriteEndObject();
            });
        }
        else
        {
            Console.Out.WriteLine($"Key provider: {provider}; active master key: {active}.");
            Output.Table(["MASTER_KEY", "DATA_KEYS"], usage.Select(u => (IReadOnlyList<string>)[u.Key + (u.Key == active ? " (active)" : ""), u.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }

        return 0;
    }

    private static async Task<int> RotateAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        string? added = null;
        if (context.Get<IOptions<MandateOptions>>().Value.Vault.KeyProvider == VaultOptions.FileKeyProvider)
        {
            added = context.Get<FileMasterKeySource>().AddKey();
        }

        var result = await context.Get<MasterKeyRotation>().RewrapAsync(cancellationToken);
        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("active_master_key", result.ActiveKeyId);
                w.WriteBoolean("new_key_created", added is not null);
                w.WriteNumber("rewrapped", result.Rewrapped);
                w.WriteNumber("already_current", result.AlreadyCurrent);
                w.WriteStartArray("unreadable");
                foreach (var id in result.Unreadable)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            Console.Out.WriteLine(added is not null
                ? $"New master key {added} is active."
                : $"Active master key {result.ActiveKeyId} (set by the key provider; with Vault:KeyProvider=env, put the new key in MANDATE_VAULT_MASTER_KEY and the old in MANDATE_VAULT_PREVIOUS_MASTER_KEYS).");
            Console.Out.WriteLine($"Re-wrapped {result.Rewrapped} data key(s); {result.AlreadyCurrent} already under it.");
            if (result.Unreadable.Count > 0)
            {
                Console.Error.WriteLine($"warning: {result.Unreadable.Count} data key(s) no known master key opens: {string.Join(", ", result.Unreadable)}.");
            }
        }

        return result.Unreadable.Count == 0 ? 0 : 1;
    }

    private static async Task<int> RetireAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var keyId = parse.GetValue(KeyId)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if (context.Get<IOptions<MandateOptions>>().Value.Vault.KeyProvider != VaultOptions.FileKeyProvider)
        {
            return Output.Fail("retire-key manages the key file (Vault:KeyProvider=file); with env keys, drop the old key from MANDATE_VAULT_PREVIOUS_MASTER_KEYS.");
        }

        var usage = await context.Get<MasterKeyRotation>().UsageAsync(cancellationToken);
        if (usage.TryGetValue(keyId, out var count) && count > 0)
        {
            return Output.Fail($"{count} data key(s) are still wrapped by {keyId}: run `mandate vault rotate-key` first.");
        }

        if (!context.Get<FileMasterKeySource>().RemoveKey(keyId))
        {
            return Output.Fail($"{keyId} is not an old master key in the key file (the active key cannot be retired).");
        }

        Console.Out.WriteLine($"Master key {keyId} removed.");
        return 0;
    }
}
