using System.Text.Json;
using Mandate.Core.Ledger.Receipts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Ledger;

/// <summary>
/// GET {issuer}/ledger/entries/{index}: the entry with its inclusion proof against the latest checkpoint, and that
/// checkpoint (the same document as a receipt). 404 while no checkpoint covers it.
/// </summary>
public static class EntryEndpoint
{
    public static async Task HandleAsync(HttpContext context, string index)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LedgerProblem.TryParseIndex(index, out var value))
        {
            await LedgerProblem.BadRequestAsync(context, "The index is a non-negative decimal integer.");
            return;
        }

        var (status, receipt) = await context.RequestServices.GetRequiredService<LedgerReceipts>().GetAsync(value, context.RequestAborted);
        if (status != ReceiptStatus.Found)
        {
            await LedgerProblem.NotFoundAsync(context, $"No entry {value} within the latest checkpoint.");
            return;
        }

        await WriteReceiptAsync(context, receipt!, "public, max-age=1");
    }

    public static async Task WriteReceiptAsync(HttpContext context, LedgerReceipt receipt, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = cacheControl;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        ReceiptJson.WriteMembers(writer, receipt);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
