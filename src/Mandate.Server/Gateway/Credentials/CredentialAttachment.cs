using System.Net.Http.Headers;
using Mandate.Core.Gateway;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Dpop;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>
/// Puts a brokered credential on an upstream request, where the upstream's configuration says: the Authorization
/// header (replacing anything there), a header of its own, or a query parameter. Only the outgoing request ever holds it.
/// </summary>
public static class CredentialAttachment
{
    /// <param name="dpopNonce">The upstream's last DPoP-Nonce, for a DPoP-bound provider token.</param>
    public static void Apply(HttpRequestMessage request, UpstreamCredential where, BrokeredCredential credential, string? dpopNonce = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(credential);
        if (IsDpopBound(credential) && where.Placement == CredentialPlacement.Bearer)
        {
            ApplyDpop(request, credential, dpopNonce);
            return;
        }

        switch (where.Placement)
        {
            case CredentialPlacement.Header:
                request.Headers.Remove(where.Name!);
                request.Headers.TryAddWithoutValidation(where.Name!, credential.Value);
                break;
            case CredentialPlacement.Query:
                request.RequestUri = WithQuery(request.RequestUri!, where.Name!, credential.Value);
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue(Scheme(credential), credential.Value);
                break;
        }
    }

    /// <summary>A provider token bound to the connection's DPoP key (RFC 9449), with that key at hand.</summary>
    public static bool IsDpopBound(BrokeredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential.DpopKey is not null && string.Equals(credential.TokenType, "DPoP", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The provider's token type as the scheme (RFC 6749 §7.1; "bearer" in any case is written Bearer), and Bearer for
    /// API keys. A DPoP-bound token goes with a proof (<see cref="ApplyDpop"/>).
    /// </summary>
    public static string Scheme(BrokeredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential.TokenType is { Length: > 0 } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase) && !type.Equals("ApiKey", StringComparison.Ordinal)
            ? type
            : "Bearer";
    }

    /// <summary>RFC 9449 §7.1: <c>Authorization: DPoP token</c> and a proof for this method and URL, with <c>ath</c>.</summary>
    private static void ApplyDpop(HttpRequestMessage request, BrokeredCredential credential, string? nonce)
    {
        using var key = ProviderDpopKey.FromPrivateJwk(credential.DpopKey)
            ?? throw new InvalidOperationException($"The DPoP key of the connection to '{credential.Connector}' cannot be read.");
        var proof = new DpopProofBuilder(key).Create(request.Method.Method, request.RequestUri!.AbsoluteUri, credential.Value, nonce);
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", credential.Value);
        request.Headers.Remove("DPoP");
        request.Headers.TryAddWithoutValidation("DPoP", proof);
    }

    private static Uri WithQuery(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        var pair = Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
        var query = builder.Query.TrimStart('?');

        // One value only: a parameter of the same name already in the URL (the operator's or the caller's) is dropped.
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=', 2)[0]), name, StringComparison.Ordinal));
        builder.Query = string.Join('&', kept.Append(pair));
        return builder.Uri;
    }
}
