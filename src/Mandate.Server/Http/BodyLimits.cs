using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mandate.Server.Http;

public static class BodyLimits
{
    /// <summary>Caps how much of the body the server will read; reading past it throws BadHttpRequestException.</summary>
    public static void Limit(HttpContext context, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = maxBytes;
        }
    }
}
