namespace Mandate.Core.OAuth.Par;

/// <summary>The parameters of a pushed authorization request (RFC 9126), kept server-side and bound to its client.</summary>
public sealed record PushedAuthorizationRequest(string ClientId, IReadOnlyList<KeyValuePair<string, string>> Parameters, DateTimeOffset ExpiresAt)
{
    /// <summary>The pushed parameters as /authorize reads them (client_id included).</summary>
    public OAuthParameters ToParameters() =>
        new(Parameters.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, [p.Value])));
}
