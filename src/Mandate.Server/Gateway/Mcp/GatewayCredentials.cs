using Mandate.Core.Gateway.Authorization;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>The access token of "Authorization: Bearer ..." or "Authorization: DPoP ..." (one header, one token) and the request's DPoP header values.</summary>
/// <param name="Token">The token; null when absent, repeated or of another form.</param>
/// <param name="Scheme">How it was sent.</param>
/// <param name="Presented">Whether any Authorization header was sent (then a refusal says invalid_token).</param>
public sealed record GatewayCredentials(string? Token, GatewayCredentialScheme Scheme, bool Presented)
{
    public static GatewayCredentials Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values.ToString() is not { } header)
        {
            return new GatewayCredentials(null, GatewayCredentialScheme.Bearer, values.Count > 0);
        }

        var scheme = header.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase) ? GatewayCredentialScheme.Dpop
            : header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? GatewayCredentialScheme.Bearer
            : (GatewayCredentialScheme?)null;
        if (scheme is null)
        {
            return new GatewayCredentials(null, GatewayCredentialScheme.Bearer, true);
        }

        var token = header[(header.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
        return new GatewayCredentials(token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) ? null : token, scheme.Value, true);
    }

    /// <summary>Every value of the request's DPoP header (none, one, or too many).</summary>
    public static IReadOnlyList<string?> ReadProofs(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[Protocol.Dpop.DpopConstants.ProofHeader].ToArray();
    }
}
