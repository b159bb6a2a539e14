using Mandate.Core.Mandates;
using Mandate.Core.Users;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>A valid backchannel authentication request.</summary>
public sealed record BackchannelRequest
{
    public required User User { get; init; }

    public required string Resource { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public TaskMandate? Mandate { get; init; }

    public string? BindingMessage { get; init; }

    public required CibaDeliveryMode DeliveryMode { get; init; }

    public string? NotificationToken { get; init; }

    /// <summary>How long the request waits for the person (never past the mandate's end).</summary>
    public required TimeSpan Expiry { get; init; }
}
