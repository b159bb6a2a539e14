using System.Globalization;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Ledger.Receipts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ledger;

/// <summary>
/// GET {issuer}/ledger/receipts/{id}: the receipt of the event with that audit id (a gateway response's
/// Mandate-Audit-Id). Before a checkpoint covers the entry (at most Ledger:CheckpointInterval after it was
/// committed): 202 Accepted with Retry-After and <c>{"status":"pending"}</c>. An id the ledger does not hold: 404.
/// </summary>
public static class ReceiptEndpoint
{
    public static async Task HandleAsync(HttpContext context, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LedgerProblem.TryParseIndex(id, out var index))
        {
            await LedgerProblem.BadRequestAsync(context, "An audit id is a non-negative decimal integer.");
            return;
        }

        var (status, receipt) = await context.RequestServices.GetRequiredService<LedgerReceipts>().GetAsync(index, context.RequestAborted);
        switch (status)
        {
            case ReceiptStatus.Found:
                // The checkpoint in it is the latest, so the same receipt is not the same tomorrow: cache briefly.
                await EntryEndpoint.WriteReceiptAsync(context, receipt!, "public, max-age=60");
                return;
            case ReceiptStatus.Pending:
                await WritePendingAsync(context, index);
                return;
            default:
                await LedgerProblem.NotFoundAsync(context, $"The ledger holds no event {index}.");
                return;
        }
    }

    private static async Task WritePendingAsync(HttpContext context, long index)
    {
        var interval = context.RequestServices.GetRequiredService<IOptions<MandateOptions>>().Value.Ledger.CheckpointInterval;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteNumber("index", index);
        writer.WriteString("status", "pending");
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
