using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Mandate-Audit-Id: the audit ids of the events a gateway response answers for, one per recorded JSON-RPC message in
/// the order of the body (a batch of three: "12, 13, 14"; a single call: "12"). Each is a ledger index, whose
/// receipt is at {issuer}/ledger/receipts/{id}. None when the ledger is switched off (the ids are then negative).
/// </summary>
public static class AuditIdHeader
{
    public const string Name = "Mandate-Audit-Id";

    public static void Set(HttpResponse response, IReadOnlyList<long>? ids)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ids is { Count: > 0 } && ids[0] >= 0 && !response.HasStarted)
        {
            response.Headers[Name] = string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
