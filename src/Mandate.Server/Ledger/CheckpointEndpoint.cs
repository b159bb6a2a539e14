using Mandate.Core.Ledger;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Ledger;

/// <summary>GET {issuer}/ledger/checkpoint: the latest signed checkpoint (c2sp.org/tlog-tiles), never cached beyond a second.</summary>
public static class CheckpointEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var latest = await context.RequestServices.GetRequiredService<ICheckpointStore>().GetLatestAsync(context.RequestAborted);
        if (latest is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await LedgerProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "No checkpoint yet", "The ledger has not signed its first checkpoint yet.");
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "public, max-age=1";
        await context.Response.WriteAsync(latest.Note, context.RequestAborted);
    }
}
