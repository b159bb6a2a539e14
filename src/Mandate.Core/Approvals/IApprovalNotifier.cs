namespace Mandate.Core.Approvals;

/// <summary>
/// Tells the person (or something acting for them) that a request waits: a webhook ships; e-mail or push are one class
/// each (docs/approvals.md). Several may be registered; each is called once per new request, off the request path, and
/// its failures are logged, never shown to the client.
/// </summary>
public interface IApprovalNotifier
{
    Task NotifyAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
