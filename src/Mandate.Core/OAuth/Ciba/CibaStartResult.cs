using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>The backchannel authentication response (CIBA section 7.3), or its error (section 13).</summary>
public sealed record CibaStartResult(string? AuthReqId, int ExpiresIn, int? Interval, OAuthError? Error)
{
    public static CibaStartResult Fail(OAuthError error) => new(null, 0, null, error);
}
