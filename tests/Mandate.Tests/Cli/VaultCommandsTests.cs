using System.Text;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Encryption;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class VaultCommandsTests : IDisposable
{
    private const string Secret = "client-secret-9f8e7d6c5b4a";
    private readonly TempDataDir data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task ConnectorsAdd_OAuthWithSecret_SealsTheSecret_AndPrintsTheRedirectUri()
    {
        var result = await data.RunWithInputAsync(
            Secret + "\n",
            "connectors", "add", "github", "--authorize-url", "https://github.example/login/oauth/authorize", "--token-url", "https://github.example/login/oauth/access_token",
            "--client-id", "Iv1.abc", "--client-secret-stdin", "--scope", "repo", "--scope", "read:user", "--extra-param", "allow_signup=false", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("oauth", result.Json.GetProperty("kind").GetString());
        Assert.Equal("client_secret_basic", result.Json.GetProperty("client_auth_method").GetString());
        Assert.Equal(["repo", "read:user"], result.Json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("false", result.Json.GetProperty("extra_params").GetProperty("allow_signup").GetString());
        Assert.Equal("http://127.0.0.1:5080/connections/callback", result.Json.GetProperty("redirect_uri").GetString());
        Assert.DoesNotContain(Secret, result.Out + result.Error, StringComparison.Ordinal);
        var stored = (await data.Store<IConnectorStore>().FindAsync("github", CancellationToken.None))!;
        Assert.DoesNotContain(Secret, stored.SealedClientCredential, StringComparison.Ordinal);
        Assert.Equal(Secret, Encoding.UTF8.GetString(await OpenAsync(stored)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(Secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(data.Path, "mandate.db"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorsAdd_DpopOn_IsStoredAndListed_OffAndAutoWithoutMetadataAreBearer()
    {
        var on = await data.RunAsync("connectors", "add", "bound", "--authorize-url", "https://p.example/a", "--token-url", "https://p.example/t", "--client-id", "c", "--dpop", "on", "--json");
        var auto = await data.RunAsync("connectors", "add", "plain", "--authorize-url", "https://p.example/a", "--token-url", "https://p.example/t", "--client-id", "c", "--json");

        Assert.Equal(0, on.ExitCode);
        Assert.Equal("ES256", on.Json.GetProperty("dpop_signing_alg").GetString());
        Assert.False(auto.Json.TryGetProperty("dpop_signing_alg", out _));
        Assert.Equal("ES256", (await data.Store<IConnectorStore>().FindAsync("bound", CancellationToken.None))!.DpopAlgorithm);
        Assert.Contains("DPoP ES256", (await data.RunAsync("connectors", "list")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--extra-param", "state=x")]
    [InlineData("--extra-param", "novalue")]
    [InlineData("--revocation-url", "ftp://example.com/revoke")]
    [InlineData("--dpop", "maybe")]
    public async Task ConnectorsAdd_BadInput_Fails(string option, string value)
    {
        await data.RunAsync("connectors", "list");
        var result = await data.RunAsync("connectors", "add", "bad", "--authorize-url", "https://p.example/a", "--token-url", "https://p.example/t", "--client-id", "c", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
        Assert.Null(await data.Store<IConnectorStore>().FindAsync("bad", CancellationToken.None));
    }

    [Fact]
    public async Task ConnectorsRemove_DisconnectsEveryConnection_AsThePersonWould()
    {
        Assert.Equal(0, (await data.RunAsync("connectors", "add", "weather", "--api-key")).ExitCode);
        var now = DateTimeOffset.UtcNow;
        foreach (var user in new[] { "usr_a", "usr_b" })
        {
            await data.Store<IConnectionStore>().UpsertAsync(new Connection { UserId = user, Connector = "weather", SealedCredential = "sealed", CreatedAt = now, UpdatedAt = now }, CancellationToken.None);
        }

        var removed = await data.RunAsync("connectors", "remove", "weather", "--json");

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(2, removed.Json.GetProperty("connections_disconnected").GetInt32());
        Assert.Empty(await data.Store<IConnectionStore>().ListAsync("weather", CancellationToken.None));
    }

    [Fact]
    public async Task ConnectorsAdd_ApiKey_ListAndRemove()
    {
        Assert.Equal(0, (await data.RunAsync("connectors", "add", "weather", "--api-key")).ExitCode);
        Assert.Equal(1, (await data.RunAsync("connectors", "add", "mixed", "--api-key", "--client-id", "x")).ExitCode);

        var list = await data.RunAsync("connectors", "list", "--json");
        var only = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal("weather", only.GetProperty("name").GetString());
        Assert.Equal("api-key", only.GetProperty("kind").GetString());
        Assert.Equal(0, (await data.RunAsync("connectors", "remove", "weather")).ExitCode);
        Assert.Equal(1, (await data.RunAsync("connectors", "remove", "weather")).ExitCode);
        Assert.Empty((await data.RunAsync("connections", "list", "--json")).Json.EnumerateArray());
    }

    [Fact]
    public async Task VaultRotateKey_RewrapsDataKeys_ThenTheOldKeyCanBeRetired_AndSecretsStillOpen()
    {
        await data.RunWithInputAsync(Secret + "\n", "connectors", "add", "github", "--authorize-url", "https://g.example/a", "--token-url", "https://g.example/t", "--client-id", "c", "--client-secret-stdin");
        var before = await data.RunAsync("vault", "status", "--json");
        var oldKey = before.Json.GetProperty("active_master_key").GetString()!;
        Assert.Equal(1, before.Json.GetProperty("data_keys_by_master_key").GetProperty(oldKey).GetInt32());

        var refused = await data.RunAsync("vault", "retire-key", oldKey);
        Assert.Equal(1, refused.ExitCode);

        var rotated = await data.RunAsync("vault", "rotate-key", "--json");
        Assert.Equal(0, rotated.ExitCode);
        var newKey = rotated.Json.GetProperty("active_master_key").GetString()!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(1, rotated.Json.GetProperty("rewrapped").GetInt32());

        Assert.Equal(0, (await data.RunAsync("vault", "retire-key", oldKey)).ExitCode);
        Assert.DoesNotContain(oldKey, await File.ReadAllTextAsync(KeyFile), StringComparison.Ordinal);
        var stored = (await data.Store<IConnectorStore>().FindAsync("github", CancellationToken.None))!;
        Assert.Equal(Secret, Encoding.UTF8.GetString(await OpenAsync(stored)));
    }

    private string KeyFile => Path.Combine(data.Path, "secrets", FileMasterKeySource.FileName);

    private async Task<byte[]> OpenAsync(Connector connector)
    {
        using var vault = new CredentialVault(new LocalMasterKeyProvider(new FileMasterKeySource(KeyFile)), data.Store<IVaultKeyStore>(), TimeProvider.System);
        return await vault.OpenRequiredAsync(VaultContext.ForConnector(connector.Name, VaultPurposes.ClientCredential), connector.SealedClientCredential!, CancellationToken.None);
    }
}
