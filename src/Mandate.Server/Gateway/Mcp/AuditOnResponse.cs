using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// For refusals written by steps that own their response (the rate limiter's 429, the session lookup's 404): while
/// armed, the event is recorded as the response starts, so that its Mandate-Audit-Id can still go in the head.
/// </summary>
internal sealed class AuditOnResponse
{
    private Func<Task<IReadOnlyList<long>?>>? record;

    private AuditOnResponse()
    {
    }

    public static AuditOnResponse Attach(HttpContext context)
    {
        var hook = new AuditOnResponse();
        context.Response.OnStarting(() => hook.StartingAsync(context));
        return hook;
    }

    /// <summary>Records with <paramref name="recorder"/> should the response start before <see cref="Disarm"/>.</summary>
    public void Arm(Func<Task<IReadOnlyList<long>?>> recorder) => record = recorder;

    public void Disarm() => record = null;

    private async Task StartingAsync(HttpContext context)
    {
        if (Interlocked.Exchange(ref record, null) is { } recorder)
        {
            AuditIdHeader.Set(context.Response, await recorder());
        }
    }
}
