using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mandate.Testing;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>A CIBA client registered with the CLI, and its request approved with the CLI, while the server runs.</summary>
[Collection(ConsoleTests.Name)]
public sealed class CibaLiveCliTests
{
    private const string Resource = "https://live.example.com/mcp";

    [Fact]
    public async Task ApprovedWithTheCli_TheWaitingClientGetsItsToken()
    {
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        using var http = new HttpClient();
        Assert.Equal(0, (await CliRunner.RunAsync(server.DataDir, "resources", "add", Resource, "--scope", "tools.read")).ExitCode);
        var client = await CliRunner.RunAsync(server.DataDir, "clients", "add", "Phone agent", "--secret", "--grant-type", "ciba", "--json");
        Assert.True(client.ExitCode == 0, client.Error);
        Assert.Equal("poll", client.Json.GetProperty("backchannel_token_delivery_mode").GetString());
        var auth = Basic(client.Json.GetProperty("client_id").GetString()!, client.Json.GetProperty("client_secret").GetString()!);

        var start = await PostAsync(http, server.Issuer + "/bc-authorize", auth, ("login_hint", "alice"), ("scope", "openid tools.read"), ("resource", Resource), ("binding_message", "CLI-7"));
        var authReqId = start.GetProperty("auth_req_id").GetString()!;
        var list = await CliRunner.RunAsync(server.DataDir, "approvals", "list", "--json");
        var pending = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal("CLI-7", pending.GetProperty("binding_message").GetString());
        var approve = await CliRunner.RunAsync(server.DataDir, "approvals", "approve", pending.GetProperty("id").GetString()!);
        Assert.True(approve.ExitCode == 0, approve.Error);

        var tokens = await PostAsync(http, server.Issuer + "/token", auth, ("grant_type", "urn:openid:params:grant-type:ciba"), ("auth_req_id", authReqId));

        Assert.True(tokens.TryGetProperty("access_token", out _), tokens.ToString());
        Assert.Equal("tools.read", tokens.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ClientsAdd_PingWithoutEndpoint_IsRefused_PushIsRefused()
    {
        using var data = new TempDataDir();

        var ping = await data.RunAsync("clients", "add", "Pinged", "--secret", "--grant-type", "ciba", "--backchannel-delivery-mode", "ping");
        var push = await data.RunAsync("clients", "add", "Pushed", "--secret", "--grant-type", "ciba", "--backchannel-delivery-mode", "push");
        var publicCiba = await data.RunAsync("clients", "add", "Public", "--public", "--grant-type", "ciba");
        var ok = await data.RunAsync("clients", "add", "Pinged", "--secret", "--grant-type", "ciba", "--backchannel-delivery-mode", "ping", "--backchannel-notification-endpoint", "https://agent.example.com/cb", "--json");

        Assert.NotEqual(0, ping.ExitCode);
        Assert.Contains("notification_endpoint", ping.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, push.ExitCode);
        Assert.NotEqual(0, publicCiba.ExitCode);
        Assert.Equal("https://agent.example.com/cb", ok.Json.GetProperty("backchannel_client_notification_endpoint").GetString());
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret))));

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, AuthenticationHeaderValue auth, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))) };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
