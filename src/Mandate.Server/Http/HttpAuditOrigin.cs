using System.Diagnostics;
using Mandate.Core.Audit;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Http;

/// <summary>The HTTP request being served, as the origin of the events recorded while serving it.</summary>
public sealed class HttpAuditOrigin(HttpContext context) : AuditOrigin
{
    public override string? SourceAddress => context.Connection.RemoteIpAddress?.ToString();

    public override string? CorrelationId => Of(context);

    /// <summary>The W3C trace id when the request is traced, else the server's request id (as in the log's RequestId).</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;
    }
}
