using System.Net.Http.Headers;

namespace Mandate.LoadHarness.Load;

internal static class FormRequest
{
    /// <summary>A POST with an application/x-www-form-urlencoded body.</summary>
    public static HttpRequestMessage Post(Uri endpoint, ReadOnlyMemory<byte> body, AuthenticationHeaderValue? authorization)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = authorization;
        return request;
    }

    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        System.Text.Encoding.ASCII.GetBytes(string.Join('&', fields.Select(
            field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}")));
}
