using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Testing;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>`mandate token exchange` against a running Mandate: a narrower, DPoP-bound token naming the chain; a refusal explained.</summary>
[Collection(ConsoleTests.Name)]
public sealed class TokenExchangeCommandTests : IDisposable
{
    private const string Resource = "https://mcp.example.com/mcp";
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Exchange_NarrowsTheToken_BindsItToTheActorKey_AndNamesTheChain()
    {
        await using var server = await MandateTestServer.StartAsync();
        var (subjectFile, subSecret) = await SetUpAsync(server);
        var keyFile = Path.Combine(data.Path, "agent-key.jwk");

        var result = await data.RunWithInputAsync(subSecret + "\n", "token", "exchange", "--subject-token-file", subjectFile, "--scope", "tools.read",
            "--issuer", server.Issuer, "--client-id", "sub-agent", "--client-secret-stdin", "--actor-key", keyFile, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("DPoP", result.Json.GetProperty("token_type").GetString());
        Assert.Equal("tools.read", result.Json.GetProperty("scope").GetString());
        var token = CompactJws.TryParse(result.Json.GetProperty("access_token").GetString())!;
        Assert.Equal("sub-agent", token.GetClaim("client_id"));
        Assert.Equal("sub-agent", token.Payload.GetProperty("act").GetProperty("client_id").GetString());
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        using (var key = Client.Dpop.DpopKey.Load(keyFile))
        {
            Assert.Equal(key.Thumbprint, token.Payload.GetProperty("cnf").GetProperty("jkt").GetString());
        }

        Assert.DoesNotContain(subSecret, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_Widening_IsRefusedWithTheServersReason()
    {
        await using var server = await MandateTestServer.StartAsync();
        var (subjectFile, subSecret) = await SetUpAsync(server);

        var result = await data.RunWithInputAsync(subSecret + "\n", "token", "exchange", "--subject-token-file", subjectFile, "--scope", "tools.admin",
            "--issuer", server.Issuer, "--client-id", "sub-agent", "--client-secret-stdin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Refused: invalid_scope", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();

    /// <summary>An orchestrator that may hand tokens to sub-agent; its client_credentials token in a file.</summary>
    private async Task<(string SubjectFile, string SubAgentSecret)> SetUpAsync(MandateTestServer server)
    {
        await server.AddResourceAsync(Resource, "tools.read", "tools.call", "tools.admin");
        var (_, subSecret) = await server.AddClientAsync(new ClientMetadata
        {
            ClientId = "sub-agent", ClientName = "Sub-agent", GrantTypes = [GrantTypes.TokenExchange], TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        });
        var (_, orchestratorSecret) = await server.AddClientAsync(
            new ClientMetadata
            {
                ClientId = "orchestrator", ClientName = "Orchestrator", GrantTypes = [GrantTypes.ClientCredentials], TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic, Scope = "tools.read tools.call",
            },
            ["sub-agent"]);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Issuer + "/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("resource", Resource)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("orchestrator:" + orchestratorSecret)));
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var file = Path.Combine(data.Path, "subject.txt");
        Directory.CreateDirectory(data.Path);
        await File.WriteAllTextAsync(file, body.RootElement.GetProperty("access_token").GetString());
        return (file, subSecret!);
    }
}
