namespace Mandate.Client.OAuth;

/// <summary>Checks the URLs credentials are sent to: https, or http only to a loopback host (local development).</summary>
internal static class EndpointUrls
{
    public static Uri Parse(string value, string parameterName, bool allowHttp = false)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("Expected an absolute https URL.", parameterName);
        }

        if (uri.Scheme == "http" && !allowHttp && !uri.IsLoopback)
        {
            throw new ArgumentException("Credentials go over https only (http is allowed to loopback addresses, or with AllowHttp).", parameterName);
        }

        return uri;
    }
}
