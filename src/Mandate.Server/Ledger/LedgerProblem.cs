using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Ledger;

/// <summary>RFC 9457 problem details for the ledger endpoints' refusals (bad input, not found).</summary>
public static class LedgerProblem
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("type", "about:blank");
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public static Task BadRequestAsync(HttpContext context, string detail) => WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", detail);

    public static Task NotFoundAsync(HttpContext context, string detail) => WriteAsync(context, StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>A non-negative decimal integer without sign or leading zeros (indexes and sizes are written that way).</summary>
    public static bool TryParseIndex(string? text, out long value)
    {
        value = 0;
        return text is { Length: > 0 and <= 19 } && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
