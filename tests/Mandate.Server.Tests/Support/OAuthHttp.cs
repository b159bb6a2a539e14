using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mandate.Server.Tests.Support;

/// <summary>Plain HTTP calls to the OAuth endpoints, without redirects or cookies.</summary>
public static class OAuthHttp
{
    public static HttpClient Client { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>Posts a form; fields may repeat a name.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<(string Name, string Value)> fields, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Authorization = authorization;
        return await Client.SendAsync(request);
    }

    /// <summary>HTTP Basic as RFC 6749 section 2.3.1 wants it: id and secret form-urlencoded, then base64.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(FormEncode(clientId) + ":" + FormEncode(secret))));

    public static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).TryGetProperty("error", out var e) ? e.GetString() : null;

    public static Task<HttpResponseMessage> TokenAsync(string issuer, AuthenticationHeaderValue? authorization, params (string Name, string Value)[] fields) =>
        PostFormAsync(issuer + "/token", fields, authorization);

    public static async Task<JsonElement> IntrospectAsync(string issuer, string token, string clientId, string secret, string? hint = null)
    {
        var fields = new List<(string, string)> { ("token", token) };
        if (hint is not null)
        {
            fields.Add(("token_type_hint", hint));
        }

        var response = await PostFormAsync(issuer + "/introspect", fields, Basic(clientId, secret));
        response.EnsureSuccessStatusCode();
        return await JsonAsync(response);
    }

    public static async Task<bool> IsActiveAsync(string issuer, string token, string clientId, string secret, string? hint = null) =>
        (await IntrospectAsync(issuer, token, clientId, secret, hint)).GetProperty("active").GetBoolean();

    public static Task<HttpResponseMessage> RefreshAsync(string issuer, string refreshToken, string clientId, string? secret = null) =>
        secret is null
            ? TokenAsync(issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId))
            : TokenAsync(issuer, Basic(clientId, secret), ("grant_type", "refresh_token"), ("refresh_token", refreshToken));
}
