using System.Text.Json;
using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Ledger;

/// <summary>
/// GET {issuer}/ledger/proof/consistency?from=N&amp;to=M: the RFC 9162 consistency proof between two tree sizes,
/// 1 ≤ N ≤ M ≤ the latest checkpoint's size, as <c>{"from":N,"to":M,"proof":["base64",...]}</c>.
/// </summary>
public static class ConsistencyEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Request.Query;
        if (query["from"].Count != 1 || query["to"].Count != 1
            || !LedgerProblem.TryParseIndex(query["from"], out var from) || !LedgerProblem.TryParseIndex(query["to"], out var to) || from < 1 || to < from)
        {
            await LedgerProblem.BadRequestAsync(context, "from and to are tree sizes: from at least 1, to at least from.");
            return;
        }

        var services = context.RequestServices;
        var size = (await services.GetRequiredService<ICheckpointStore>().GetLatestAsync(context.RequestAborted))?.TreeSize ?? 0;
        if (to > size)
        {
            await LedgerProblem.BadRequestAsync(context, $"to is beyond the latest checkpoint ({size} entries).");
            return;
        }

        var proof = await MerkleProofs.ConsistencyProofAsync(services.GetRequiredService<ILedgerStore>(), from, to, context.RequestAborted);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteNumber("from", from);
        writer.WriteNumber("to", to);
        writer.WriteStartArray("proof");
        foreach (var hash in proof)
        {
            writer.WriteBase64StringValue(hash);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
