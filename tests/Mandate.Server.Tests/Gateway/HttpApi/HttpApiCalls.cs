using System.Net.Http.Headers;
using System.Text.Json;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>Requests to {issuer}/http/{name}/... as an agent would make them.</summary>
internal static class HttpApiCalls
{
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Sends exactly this request target: no client-side removal of dot segments or unescaping.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string origin, string rawTarget, string token)
    {
        var uri = new Uri(origin + rawTarget, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static long AuditId(HttpResponseMessage response) => long.Parse(Assert.Single(response.Headers.GetValues("Mandate-Audit-Id")), System.Globalization.CultureInfo.InvariantCulture);
}
