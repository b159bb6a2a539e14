namespace Mandate.Protocol.Dpop;

/// <summary>The request a DPoP proof must match.</summary>
/// <param name="Method">The HTTP method of the request, e.g. <c>POST</c> (compared exactly with <c>htm</c>).</param>
/// <param name="Uri">The absolute target URI of the request (compared with <c>htu</c>, query and fragment ignored).</param>
public sealed record DpopProofContext(string Method, string Uri)
{
    /// <summary>
    /// The access token presented with the proof (protected resource access), or null (token requests). When set, the
    /// proof must carry a matching <c>ath</c>; when null, <c>ath</c> is not required.
    /// </summary>
    public string? AccessToken { get; init; }

    /// <summary>
    /// The nonces the server accepts now, or null when it does not require one. When set, the proof's <c>nonce</c> must
    /// equal one of them; otherwise the result asks for a nonce (<c>use_dpop_nonce</c>).
    /// </summary>
    public IReadOnlyList<string>? AcceptedNonces { get; init; }
}
