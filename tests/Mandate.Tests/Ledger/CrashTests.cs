using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Core.Ledger.Receipts;
using Mandate.Protocol.Transparency.Notes;
using Mandate.Testing;
using Mandate.Tests.Support;

namespace Mandate.Tests.Ledger;

/// <summary>
/// The real `mandate serve`, hammered with tool calls through the gateway and killed with SIGKILL at random moments,
/// three times: after each restart the ledger's tail passes the start-up check, every audit id a client was given has
/// a receipt that verifies with the verifier key alone, and `mandate ledger verify` passes over the whole log.
/// </summary>
[Collection(ConsoleTests.Name)]
public sealed class CrashTests : IDisposable
{
    private const int Workers = 8;
    private readonly TempDataDir data = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string url = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly ConcurrentDictionary<long, byte> seen = new();

    [Fact]
    public async Task KilledThreeTimesUnderLoad_EveryAuditIdTheClientSaw_HasAVerifyingReceipt_AndTheLogVerifies()
    {
        var server = await ServerProcess.StartAsync(url, data.Path, http);
        try
        {
            var token = await TokenAsync();

            // One call first, so the gateway learns the tool's level (concurrent first calls of a tool it has not seen
            // listed are refused while one of them fetches the listing).
            using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            {
                await HammerAsync(token, warmUp.Token, once: true);
            }

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Workers).Select(_ => HammerAsync(token, stop.Token)).ToList();
            for (var kill = 0; kill < 3; kill++)
            {
                var before = seen.Count;
                await Task.Delay(Random.Shared.Next(300, 1200));
                for (var i = 0; i < 100 && seen.Count == before; i++)
                {
                    await Task.Delay(50);
                }

                server.Kill();
                server.Dispose();
                server = await ServerProcess.StartAsync(url, data.Path, http);
            }

            await Task.Delay(500);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(seen.Count > 20, $"Only {seen.Count} calls got through: " + server.Log);

            var key = NoteVerifier.Parse((await data.RunAsync("ledger", "key")).Out.Trim());
            var allowed = 0;
            foreach (var id in seen.Keys.Order())
            {
                var verified = ReceiptVerifier.Verify(await ReceiptAsync(id), key);
                Assert.True(verified.IsValid, $"audit id {id}: {verified.Error}");
                Assert.Equal(("gateway.call", "list_notes"), (verified.Event!.Kind, verified.Event.Tool));
                allowed += verified.Event.Decision == "allow" ? 1 : 0;
            }

            Assert.True(allowed > seen.Count / 2, $"{allowed} of {seen.Count} calls were allowed");
        }
        finally
        {
            server.Dispose();
        }

        var verify = await data.RunAsync("ledger", "verify");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
    }

    public void Dispose()
    {
        http.Dispose();
        data.Dispose();
    }

    private async Task HammerAsync(string token, CancellationToken stop, bool once = false)
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_notes","arguments":{}}}""";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp/demo") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                if (response.Headers.TryGetValues("Mandate-Audit-Id", out var values))
                {
                    seen.TryAdd(long.Parse(values.Single(), CultureInfo.InvariantCulture), 0);
                    if (once)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // The server is being killed or restarted: try again.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private async Task<string> TokenAsync()
    {
        var client = await data.RunAsync("clients", "add", "Crash test agent", "--secret", "--grant-type", "client_credentials", "--scope", "mcp:read", "--json");
        Assert.True(client.ExitCode == 0, client.Error);
        var id = client.Json.GetProperty("client_id").GetString()!;
        var secret = client.Json.GetProperty("client_secret").GetString()!;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = url + "/mcp/demo", ["scope"] = "mcp:read" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret))));
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("access_token").GetString()!;
            }

            // The server picks up a client added by the CLI within seconds.
            Assert.True(attempt < 50, await response.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }
    }

    private async Task<LedgerReceipt> ReceiptAsync(long id)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.GetAsync(url + "/ledger/receipts/" + id.ToString(CultureInfo.InvariantCulture));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.True(ReceiptJson.TryParse(await response.Content.ReadAsByteArrayAsync(), out var receipt, out var error), error);
                return receipt;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Accepted && attempt < 50, $"audit id {id}: {response.StatusCode}");
            await Task.Delay(100);
        }
    }
}
