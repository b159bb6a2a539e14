using System.Net;
using System.Text.Json;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Minting;

/// <summary>
/// Gets access tokens through the whole code flow, one grant each: log in once, then for every token an authorization
/// request (with the target's authorization_details, e.g. a mandate) whose consent page is submitted again (Mandate
/// never remembers consent to a mandate), and the code exchanged at the token endpoint.
/// </summary>
internal sealed class TokenMinter(TargetDescription target, LoginCredentials credentials)
{
    public async Task<IReadOnlyList<string>> MintAsync(int count, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var authorization = new InteractiveAuthorization(client, target, credentials);
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            tokens.Add(await ExchangeAsync(client, await authorization.ObtainCodeAsync(cancellationToken), cancellationToken));
        }

        return tokens;
    }

    private async Task<string> ExchangeAsync(HttpClient client, CodeVerifierPair code, CancellationToken cancellationToken)
    {
        var codeClient = target.CodeClient;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code.Code),
            new("redirect_uri", target.RedirectUri.OriginalString),
            new("resource", target.Resource),
        };
        if (code.Verifier is not null)
        {
            fields.Add(new("code_verifier", code.Verifier));
        }

        if (codeClient.IsPublic)
        {
            fields.Add(new("client_id", codeClient.ClientId));
        }

        using var request = FormRequest.Post(target.TokenEndpoint, FormRequest.Encode(fields), codeClient.BasicAuthorization());
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = JsonDocument.Parse(body);
        return response.IsSuccessStatusCode && json.RootElement.TryGetProperty("access_token", out var token) && token.GetString() is { } value
            ? value
            : throw new InvalidOperationException($"code exchange failed: HTTP {(int)response.StatusCode} {(json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : "")}");
    }
}
