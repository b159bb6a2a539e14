using System.Buffers.Text;
using System.Net;
using System.Text.Json;

namespace Mandate.LoadHarness.Load;

/// <summary>Sends one request before any load and fails fast unless it returns an access token.</summary>
internal static class TokenResponseProbe
{
    public static async Task<ProbeResult> RunAsync(HttpClient client, IRequestSource source, CancellationToken cancellationToken)
    {
        using var request = source.NextRequest()
            ?? throw new InvalidOperationException("no request to probe with (no codes?)");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"probe got HTTP {(int)response.StatusCode}: {body}");
            }

            return new ProbeResult(DescribeAccessToken(body), body.Length);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"probe failed: {exception.Message}", exception);
        }
    }

    private static string DescribeAccessToken(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("access_token", out var token) || token.GetString() is not { } accessToken)
            {
                throw new InvalidOperationException($"probe response has no access_token: {body}");
            }

            var parts = accessToken.Split('.');
            if (parts.Length != 3)
            {
                return "opaque access token";
            }

            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            return $"JWT alg={Field(header, "alg")} typ={Field(header, "typ")}";
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"probe response is not JSON: {body}", exception);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"probe access token header is not base64url JSON: {body}", exception);
        }
    }

    private static string Field(JsonDocument document, string name) =>
        document.RootElement.TryGetProperty(name, out var value) ? value.ToString() : "-";
}
