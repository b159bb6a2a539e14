using System.Buffers;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class ClientsCommandTests : IDisposable
{
    private const string Redirect = "http://127.0.0.1:9/callback";
    private readonly TempDataDir data = new();

    [Fact]
    public async Task AddPublic_HasNoSecret()
    {
        var result = await data.RunAsync("clients", "add", "Desktop agent", "--redirect-uri", Redirect, "--public", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal("none", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("Desktop agent", json.GetProperty("client_name").GetString());
        Assert.Equal([Redirect], json.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task AddWithRequireDpop_StoresIt_AndShowsDpopBoundAccessTokens()
    {
        var result = await data.RunAsync("clients", "add", "DPoP agent", "--redirect-uri", Redirect, "--require-dpop", "--json");
        var plain = await data.RunAsync("clients", "add", "Plain agent", "--redirect-uri", Redirect, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Json.GetProperty("dpop_bound_access_tokens").GetBoolean());
        Assert.False(plain.Json.TryGetProperty("dpop_bound_access_tokens", out _));
        var stored = await data.Store<IClientStore>().FindAsync(result.Json.GetProperty("client_id").GetString()!, CancellationToken.None);
        Assert.True(stored!.RequireDpop);
    }

    [Fact]
    public async Task AddWithRequirePar_StoresIt_AndShowsRequirePushedAuthorizationRequests()
    {
        var result = await data.RunAsync("clients", "add", "PAR agent", "--redirect-uri", Redirect, "--require-par", "--json");
        var plain = await data.RunAsync("clients", "add", "Plain agent", "--redirect-uri", Redirect, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.False(plain.Json.TryGetProperty("require_pushed_authorization_requests", out _));
        var stored = await data.Store<IClientStore>().FindAsync(result.Json.GetProperty("client_id").GetString()!, CancellationToken.None);
        Assert.True(stored!.RequirePushedAuthorizationRequests);
    }

    [Fact]
    public async Task AddSecret_PrintsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var result = await data.RunAsync("clients", "add", "Nightly agent", "--secret", "--grant-type", "client_credentials", "--scope", "tools.read", "--scope", "tools.call", "--json");

        Assert.Equal(0, result.ExitCode);
        var id = result.Json.GetProperty("client_id").GetString()!;
        var secret = result.Json.GetProperty("client_secret").GetString()!;
        Assert.Equal(["client_credentials"], result.Json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("tools.read tools.call", result.Json.GetProperty("scope").GetString());
        var stored = await data.Store<IClientStore>().FindAsync(id, CancellationToken.None);
        Assert.True(ClientSecrets.Verify(secret, stored!.SecretHash));
        var list = await data.RunAsync("clients", "list", "--json");
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);
        Assert.False(list.Json[0].TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task AddAndRemove_AreInTheLedger_WithTheOperatorAccount_AndNeverTheSecret()
    {
        var added = await data.RunAsync("clients", "add", "Nightly agent", "--secret", "--grant-type", "client_credentials", "--json");
        var id = added.Json.GetProperty("client_id").GetString()!;
        await data.RunAsync("clients", "remove", id);

        var audit = await data.RunAsync("audit", "list", "--json");

        var events = audit.Json.EnumerateArray().ToList();
        Assert.Equal(["admin.client_removed", "client.registered"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("client_id").GetString()));
        Assert.Contains("from the command line", events[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(added.Json.GetProperty("client_secret").GetString()!, audit.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWithMayExchangeTo_AllowsTokenExchangeToThoseClients()
    {
        var result = await data.RunAsync("clients", "add", "Orchestrator", "--secret", "--grant-type", "client_credentials", "--grant-type", "token-exchange",
            "--may-exchange-to", "sub-agent", "--may-exchange-to", "other-agent", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["client_credentials", GrantTypes.TokenExchange], result.Json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["sub-agent", "other-agent"], result.Json.GetProperty("may_exchange_to").EnumerateArray().Select(e => e.GetString()));
        var stored = await data.Store<IClientStore>().FindAsync(result.Json.GetProperty("client_id").GetString()!, CancellationToken.None);
        Assert.Equal(["sub-agent", "other-agent"], stored!.MayExchangeTo);
    }

    [Fact]
    public async Task AddSecret_TextOutput_ShowsTheSecretWithAWarning()
    {
        var result = await data.RunAsync("clients", "add", "Agent", "--redirect-uri", Redirect, "--secret");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("client_secret:", result.Out, StringComparison.Ordinal);
        Assert.Contains("shown once", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWithJwksFile_IsAPrivateKeyJwtClient()
    {
        using var key = EcdsaJwsKey.Generate("agent-key");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, Jwks(key));
        try
        {
            var result = await data.RunAsync("clients", "add", "Key agent", "--jwks-file", file, "--grant-type", "client_credentials", "--scope", "tools.read", "--json");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("private_key_jwt", result.Json.GetProperty("token_endpoint_auth_method").GetString());
            Assert.Equal("agent-key", result.Json.GetProperty("jwks").GetProperty("keys")[0].GetProperty("kid").GetString());
            Assert.False(result.Json.TryGetProperty("client_secret", out _));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddWithUnreadableJwksFile_IsRefused()
    {
        var missing = await data.RunAsync("clients", "add", "Key agent", "--jwks-file", "/nonexistent/jwks.json", "--grant-type", "client_credentials");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Cannot read a JWK Set", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--public", "--secret")]
    [InlineData("--secret", "--jwks-uri")]
    public async Task ConflictingKinds_AreRefused(string first, string second)
    {
        string[] args = second == "--jwks-uri"
            ? ["clients", "add", "X", "--redirect-uri", Redirect, first, second, "https://keys.example.com/jwks"]
            : ["clients", "add", "X", "--redirect-uri", Redirect, first, second];

        var result = await data.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Choose one of", result.Error, StringComparison.Ordinal);
        Assert.Empty((await data.RunAsync("clients", "list", "--json")).Json.EnumerateArray());
    }

    [Theory]
    [InlineData("http://evil.example/cb")]
    [InlineData("https://app.example.com/cb#fragment")]
    [InlineData("javascript:alert(1)")]
    public async Task InvalidRedirect_IsRefused(string redirect)
    {
        var result = await data.RunAsync("clients", "add", "X", "--redirect-uri", redirect);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationCodeClientWithoutRedirect_IsRefused()
    {
        var result = await data.RunAsync("clients", "add", "X", "--public");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("redirect_uris", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndRemove()
    {
        var id = (await data.RunAsync("clients", "add", "Removable", "--redirect-uri", Redirect, "--json")).Json.GetProperty("client_id").GetString()!;
        await data.RunAsync("clients", "add", "Staying", "--redirect-uri", Redirect);

        var table = await data.RunAsync("clients", "list");
        var removed = await data.RunAsync("clients", "remove", id);
        var again = await data.RunAsync("clients", "remove", id);

        Assert.Contains("Removable", table.Out, StringComparison.Ordinal);
        Assert.Contains(id, table.Out, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(["Staying"], (await data.RunAsync("clients", "list", "--json")).Json.EnumerateArray().Select(c => c.GetProperty("client_name").GetString()));
    }

    public void Dispose() => data.Dispose();

    private static string Jwks(JwsKey key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            key.WritePublicJwk(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
