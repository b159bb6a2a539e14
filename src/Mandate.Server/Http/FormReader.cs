using Mandate.Core.OAuth;
using Mandate.Protocol.OAuth;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Http;

/// <summary>Reads OAuth parameters from a POST form body, refusing other content types and oversized bodies.</summary>
public static class FormReader
{
    public const long MaxFormBytes = 64 * 1024;

    public static async Task<(OAuthParameters? Parameters, OAuthError? Error)> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded."));
        }

        if (request.ContentLength > MaxFormBytes)
        {
            return (null, OAuthError.InvalidRequest("The request body is too large."));
        }

        try
        {
            BodyLimits.Limit(request.HttpContext, MaxFormBytes);
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return (FromPairs(form), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, OAuthError.InvalidRequest("The form body could not be read."));
        }
    }

    public static OAuthParameters FromPairs(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value.Where(v => v is not null).Select(v => v!).ToList())));
}
