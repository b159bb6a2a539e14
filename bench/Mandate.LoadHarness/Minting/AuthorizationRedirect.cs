using System.Web;

namespace Mandate.LoadHarness.Minting;

/// <summary>Recognizes the final redirect to the client's redirect_uri and reads the code from it.</summary>
internal static class AuthorizationRedirect
{
    public static bool IsToRedirectUri(Uri location, Uri redirectUri) =>
        string.Equals(location.GetLeftPart(UriPartial.Path), redirectUri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);

    public static string ReadCode(Uri location, AuthorizationRequest request)
    {
        var query = HttpUtility.ParseQueryString(location.Query);
        if (query["error"] is { } error)
        {
            throw new InvalidOperationException($"authorization error {error}: {query["error_description"]}");
        }

        if (query["state"] != request.State)
        {
            throw new InvalidOperationException($"state mismatch in {location}");
        }

        return query["code"] ?? throw new InvalidOperationException($"no code in {location}");
    }

    /// <summary>The absolute redirect target of a 3xx response, or null for any other response.</summary>
    public static Uri? Target(HttpResponseMessage response, Uri requestUri)
    {
        var status = (int)response.StatusCode;
        return status is >= 300 and < 400 && response.Headers.Location is { } location
            ? new Uri(requestUri, location)
            : null;
    }
}
