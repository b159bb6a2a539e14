using System.Net.Http.Headers;
using Mandate.Core.Gateway;
using Mandate.Core.Vault.Broker;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>
/// Puts a brokered credential on an upstream request, where the upstream's configuration says: the Authorization
/// header (replacing anything there), a header of its own, or a query parameter. Only the outgoing request ever holds it.
/// </summary>
public static class CredentialAttachment
{
    public static void Apply(HttpRequestMessage request, UpstreamCredential where, BrokeredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(credential);
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

    /// <summary>
    /// The provider's token type as the scheme (RFC 6749 §7.1; "bearer" in any case is written Bearer), and Bearer for
    /// API keys. A DPoP-bound provider token would need a proof Mandate does not make; the provider will refuse it.
    /// </summary>
    public static string Scheme(BrokeredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return credential.TokenType is { Length: > 0 } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase) && !type.Equals("ApiKey", StringComparison.Ordinal)
            ? type
            : "Bearer";
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
