using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Testing;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>Changes made with the CLI reach a running server through the shared store, without a restart.</summary>
[Collection(ConsoleTests.Name)]
public sealed class LiveServerTests
{
    private const string Resource = "https://live.example.com/mcp";

    [Fact]
    public async Task ResourceAndClientAddedByTheCli_WorkAtOnce_AndRemovalStopsTheClient()
    {
        await using var server = await MandateTestServer.StartAsync();
        using var http = new HttpClient();

        var resource = await CliRunner.RunAsync(server.DataDir, "resources", "add", Resource, "--scope", "tools.read");
        var client = await CliRunner.RunAsync(server.DataDir, "clients", "add", "Live agent", "--secret", "--grant-type", "client_credentials", "--scope", "tools.read", "--json");
        Assert.True(resource.ExitCode == 0, resource.Error);
        Assert.True(client.ExitCode == 0, client.Error);
        var id = client.Json.GetProperty("client_id").GetString()!;
        var secret = client.Json.GetProperty("client_secret").GetString()!;

        var issued = await PollAsync(() => TokenAsync(http, server.Issuer, id, secret), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, issued);

        var removed = await CliRunner.RunAsync(server.DataDir, "clients", "remove", id);
        Assert.True(removed.ExitCode == 0, removed.Error);
        var refused = await PollAsync(() => TokenAsync(http, server.Issuer, id, secret), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    private static async Task<HttpStatusCode> TokenAsync(HttpClient http, string issuer, string id, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = Resource }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret))));
        return (await http.SendAsync(request)).StatusCode;
    }

    /// <summary>Asks until the expected status comes back or about five seconds have passed; returns the last status.</summary>
    private static async Task<HttpStatusCode> PollAsync(Func<Task<HttpStatusCode>> attempt, HttpStatusCode expected)
    {
        var status = await attempt();
        for (var i = 0; i < 25 && status != expected; i++)
        {
            await Task.Delay(200);
            status = await attempt();
        }

        return status;
    }
}
