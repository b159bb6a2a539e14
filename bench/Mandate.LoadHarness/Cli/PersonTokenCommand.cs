using System.CommandLine;
using System.Net;
using System.Text.Json;
using Mandate.LoadHarness.Minting;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Cli;

/// <summary>
/// person-token: sign in and consent once as a person (like mint-codes), redeem the code for that person's access
/// token (public client, PKCE), and optionally paste an API key for a connector on the person's Connections page, so
/// the gateway has a credential to inject for them. Writes the token to a file.
/// </summary>
internal static class PersonTokenCommand
{
    public static Command Create()
    {
        var target = new Option<FileInfo>("--target", "-t") { Description = "Target description JSON file (authorization endpoint, public code client, resource, scope)", Required = true };
        var username = new Option<string>("--username", "-u") { Description = "Login name", DefaultValueFactory = _ => "bench" };
        var tokenOut = new Option<FileInfo>("--token-out") { Description = "Where to write the access token", Required = true };
        var connector = new Option<string?>("--api-key-connector") { Description = "Paste the key in BENCH_API_KEY for this API-key connector on the Connections page" };
        var command = new Command("person-token", "Sign in as a person (password from BENCH_PASSWORD), get their token, optionally connect an API key")
        {
            target, username, tokenOut, connector,
        };
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? throw new InvalidOperationException("set BENCH_PASSWORD");
            var description = TargetFile.Load(result.GetValue(target)!);
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), UseProxy = false };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            var code = await new InteractiveAuthorization(client, description, new LoginCredentials(result.GetValue(username)!, password)).ObtainCodeAsync(cancellationToken);
            var token = await RedeemAsync(client, description, code, cancellationToken);
            await File.WriteAllTextAsync(result.GetValue(tokenOut)!.FullName, token, cancellationToken);
            if (result.GetValue(connector) is { } name)
            {
                var key = Environment.GetEnvironmentVariable("BENCH_API_KEY") ?? throw new InvalidOperationException("set BENCH_API_KEY");
                await PasteApiKeyAsync(client, new Uri(description.TokenEndpoint, "/connections?connector=" + Uri.EscapeDataString(name)), name, key, cancellationToken);
            }

            return 0;
        }));
        return command;
    }

    private static async Task<string> RedeemAsync(HttpClient client, TargetDescription target, Load.CodeVerifierPair code, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code.Code,
            ["redirect_uri"] = target.RedirectUri.AbsoluteUri,
            ["code_verifier"] = code.Verifier ?? throw new InvalidOperationException("no PKCE verifier"),
            ["client_id"] = target.CodeClient.ClientId,
            ["resource"] = target.Resource,
        };
        using var response = await client.PostAsync(target.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return response.IsSuccessStatusCode
            ? json.RootElement.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"code redemption failed: {(int)response.StatusCode} {json.RootElement.GetProperty("error").GetString()}");
    }

    private static async Task PasteApiKeyAsync(HttpClient client, Uri page, string connector, string key, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(page, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var form = HtmlFormParser.Parse(html, page).FirstOrDefault(f => f.HasPassword && f.Fields.Any(x => x.Name == "connector" && x.Value == connector))
            ?? throw new InvalidOperationException($"no API-key form for connector {connector} on {page} (HTTP {(int)response.StatusCode})");
        using var submit = FormSubmission.ToRequest(form, new LoginCredentials("", key));
        using var answer = await client.SendAsync(submit, cancellationToken);
        if ((int)answer.StatusCode >= 400)
        {
            throw new InvalidOperationException($"pasting the API key failed: HTTP {(int)answer.StatusCode}");
        }

        Console.Error.WriteLine($"[person-token] connected {connector} with an API key");
    }
}
