namespace Mandate.Core.Audit;

/// <summary>
/// The origin of the work running in this async flow, set once by the host (per HTTP request, per CLI command) so
/// that Core services record events with the caller's address and correlation id without taking HTTP types. Like
/// <see cref="System.Diagnostics.Activity.Current"/>, it flows with the execution context.
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<AuditOrigin?> CurrentOrigin = new();

    public static AuditOrigin? Current
    {
        get => CurrentOrigin.Value;
        set => CurrentOrigin.Value = value;
    }

    /// <summary>The event with the current origin's address and correlation id where it names none itself.</summary>
    public static AuditEvent Apply(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (CurrentOrigin.Value is not { } origin || (auditEvent.SourceAddress is not null && auditEvent.CorrelationId is not null))
        {
            return auditEvent;
        }

        return auditEvent with
        {
            SourceAddress = auditEvent.SourceAddress ?? origin.SourceAddress,
            CorrelationId = auditEvent.CorrelationId ?? origin.CorrelationId,
        };
    }
}
