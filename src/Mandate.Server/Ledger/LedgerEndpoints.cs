using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Ledger;

/// <summary>{issuer}/ledger/...: the audit ledger, readable by anyone who can reach the server (docs/ledger.md).</summary>
public static class LedgerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/ledger/checkpoint", CheckpointEndpoint.HandleAsync).ExcludeFromDescription();
        endpoints.MapGet("/ledger/tile/{**path}", (HttpContext context, string path) => TileEndpoint.HandleAsync(context, path)).ExcludeFromDescription();
        endpoints.MapGet("/ledger/entries/{index}", (HttpContext context, string index) => EntryEndpoint.HandleAsync(context, index)).ExcludeFromDescription();
        endpoints.MapGet("/ledger/proof/consistency", ConsistencyEndpoint.HandleAsync).ExcludeFromDescription();
        endpoints.MapGet("/ledger/receipts/{id}", (HttpContext context, string id) => ReceiptEndpoint.HandleAsync(context, id)).ExcludeFromDescription();
    }
}
