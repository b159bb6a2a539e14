using System.Text.Json;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Par;

/// <summary>Pushes authorization requests the way a client does.</summary>
public static class ParHttp
{
    public static (string Name, string Value)[] Request(string clientId, PkcePair pkce, params (string Name, string Value)[] extra) =>
    [
        ("response_type", "code"), ("client_id", clientId), ("redirect_uri", TestFlow.Redirect), ("code_challenge", pkce.Challenge),
        ("code_challenge_method", "S256"), ("resource", TestFlow.Resource), ("scope", "tools.read"), ("state", "pushed"), .. extra,
    ];

    public static Task<HttpResponseMessage> PushAsync(string issuer, string clientId, string? secret, IEnumerable<(string Name, string Value)> fields) =>
        OAuthHttp.PostFormAsync(issuer + "/par", fields, secret is null ? null : OAuthHttp.Basic(clientId, secret));

    public static async Task<string> RequestUriAsync(string issuer, string clientId, string? secret, IEnumerable<(string Name, string Value)> fields)
    {
        var response = await PushAsync(issuer, clientId, secret, fields);
        var body = await OAuthHttp.JsonAsync(response);
        return response.StatusCode == System.Net.HttpStatusCode.Created
            ? body.GetProperty("request_uri").GetString()!
            : throw new InvalidOperationException("Push failed: " + body);
    }

    public static string AuthorizeUrl(string issuer, string clientId, string requestUri, params (string Name, string? Value)[] extra) =>
        QueryParameters.Build(issuer + "/authorize", [("client_id", clientId), ("request_uri", requestUri), .. extra]);

    public static JsonElement Claims(JsonElement tokenResponse) =>
        Protocol.Jose.CompactJws.TryParse(tokenResponse.GetProperty("access_token").GetString())!.Payload;
}
