namespace Mandate.Client.Ciba;

/// <summary>A started backchannel authentication (CIBA section 7.3): the id to poll with, and until when.</summary>
public sealed record BackchannelAuthentication
{
    /// <summary>The auth_req_id: a secret that, with this client's credentials, redeems the tokens once. Never log it.</summary>
    public required string AuthReqId { get; init; }

    /// <summary>When the request expires (the server's expires_in from the moment of the answer).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The minimum wait between polls (the server's interval, 5 seconds when it sends none).</summary>
    public required TimeSpan Interval { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"BackchannelAuthentication {{ ExpiresAt = {ExpiresAt:O}, Interval = {Interval} }}";
}
