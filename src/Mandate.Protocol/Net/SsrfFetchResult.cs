namespace Mandate.Protocol.Net;

/// <summary>Outcome of <see cref="SsrfGuard.FetchAsync"/>.</summary>
/// <param name="Success">True for a 2xx response whose body was read within the limits.</param>
/// <param name="StatusCode">The HTTP status code, or 0 when no response was received.</param>
/// <param name="Body">The response body on success; otherwise null.</param>
/// <param name="ContentType">The media type of the response (without parameters such as charset), or null.</param>
/// <param name="Error">A short failure reason (<c>timeout</c>, <c>blocked: private address</c>, <c>too large</c>, <c>http 404</c>, ...), or null on success.</param>
/// <param name="MaxAge">The <c>Cache-Control: max-age</c> value; null when absent or with <c>no-store</c>/<c>no-cache</c>.</param>
/// <param name="ETag">The <c>ETag</c> header as sent (including quotes and any <c>W/</c> prefix), or null.</param>
public sealed record SsrfFetchResult(
    bool Success,
    int StatusCode,
    byte[]? Body,
    string? ContentType,
    string? Error,
    TimeSpan? MaxAge,
    string? ETag)
{
    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The short failure reason.</param>
    /// <param name="statusCode">The HTTP status code, or 0 when no response was received.</param>
    /// <returns>A result with <see cref="Success"/> false.</returns>
    public static SsrfFetchResult Failure(string error, int statusCode = 0) =>
        new(false, statusCode, null, null, error, null, null);
}
