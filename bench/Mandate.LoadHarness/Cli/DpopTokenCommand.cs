using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.LoadHarness.Cli;

/// <summary>
/// dpop-token: make an ES256 key, get a DPoP-bound client_credentials token with it (answering one use_dpop_nonce
/// challenge), and write both, so the mcp-call mode can send "Authorization: DPoP" with a proof per request.
/// </summary>
internal static class DpopTokenCommand
{
    public static Command Create()
    {
        var tokenUrl = new Option<string>("--token-url") { Description = "The token endpoint", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "A client_secret_basic client allowed client_credentials", Required = true };
        var resource = new Option<string>("--resource") { Description = "RFC 8707 resource (the gateway URL of the upstream)", Required = true };
        var scope = new Option<string>("--scope") { Description = "Scopes to ask for", DefaultValueFactory = _ => "mcp:read" };
        var keyOut = new Option<FileInfo>("--key-out") { Description = "Where to write the private JWK", Required = true };
        var tokenOut = new Option<FileInfo>("--token-out") { Description = "Where to write the access token", Required = true };
        var command = new Command("dpop-token", "Get a DPoP-bound client_credentials token (secret from BENCH_CLIENT_SECRET)")
        {
            tokenUrl, clientId, resource, scope, keyOut, tokenOut,
        };
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var secret = Environment.GetEnvironmentVariable("BENCH_CLIENT_SECRET") ?? throw new InvalidOperationException("set BENCH_CLIENT_SECRET");
            using var key = EcdsaJwsKey.Generate("bench-dpop");
            var url = new Uri(result.GetValue(tokenUrl)!);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = result.GetValue(resource)!,
                ["scope"] = result.GetValue(scope)!,
            };
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(result.GetValue(clientId)!) + ":" + Uri.EscapeDataString(secret)));
            using var http = new HttpClient();
            string? nonce = null;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, new DpopProofBuilder(key).Create("POST", url.AbsoluteUri, nonce: nonce));
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                using var json = JsonDocument.Parse(body);
                if (response.IsSuccessStatusCode)
                {
                    await File.WriteAllTextAsync(result.GetValue(keyOut)!.FullName, PrivateJwk(key), cancellationToken);
                    await File.WriteAllTextAsync(result.GetValue(tokenOut)!.FullName, json.RootElement.GetProperty("access_token").GetString(), cancellationToken);
                    return 0;
                }

                nonce = response.Headers.TryGetValues(DpopConstants.NonceHeader, out var values) ? values.First() : null;
                if (nonce is null || json.RootElement.GetProperty("error").GetString() != "use_dpop_nonce")
                {
                    throw new InvalidOperationException($"token request failed: {(int)response.StatusCode} {json.RootElement.GetProperty("error").GetString()}");
                }
            }

            throw new InvalidOperationException("token request failed after a nonce retry");
        }));
        return command;
    }

    private static string PrivateJwk(JwsKey key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            key.WritePrivateMembers(writer);
            writer.WriteString("alg", key.Algorithm);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
