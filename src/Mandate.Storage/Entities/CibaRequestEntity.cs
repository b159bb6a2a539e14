using Mandate.Core.OAuth.Ciba;

namespace Mandate.Storage.Entities;

public sealed class CibaRequestEntity
{
    public string ApprovalId { get; set; } = "";

    public string AuthReqIdHash { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string Resource { get; set; } = "";

    public CibaDeliveryMode DeliveryMode { get; set; }

    public string? ProtectedNotificationToken { get; set; }

    public string? ProtectedAuthReqId { get; set; }

    public int IntervalSeconds { get; set; }

    public DateTimeOffset? NextPollAt { get; set; }

    public DateTimeOffset? NotifiedAt { get; set; }
}
