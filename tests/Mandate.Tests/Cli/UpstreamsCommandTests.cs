using Mandate.Core.Gateway;
using Mandate.Core.Resources;
using Mandate.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class UpstreamsCommandTests : IDisposable
{
    private const string Secret = "sk-live-do-not-print";

    private readonly TempDataDir data = new();

    [Fact]
    public async Task Add_StoresTheUpstream_AndRegistersItsResourceWithTheGatewayScopes()
    {
        var result = await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp", "--header", "Authorization: Bearer " + Secret, "--header", "X-Team:  blue ", "--trust-annotations");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(Secret, result.Out, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/mcp/notes", result.Out, StringComparison.Ordinal);
        var upstream = (await data.Store<IUpstreamStore>().FindAsync("notes", CancellationToken.None))!;
        Assert.Equal("http://127.0.0.1:3000/mcp", upstream.Url);
        Assert.True(upstream.TrustAnnotations);
        Assert.Equal("streamable-http", upstream.Transport);
        Assert.Equal("Bearer " + Secret, upstream.Headers["Authorization"]);
        Assert.Equal("blue", upstream.Headers["X-Team"]);
        var resource = (await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/mcp/notes", CancellationToken.None))!;
        Assert.Equal(["mcp:read", "mcp:write", "mcp:destructive"], resource.Scopes);
        Assert.Equal("See and use read-only tools", resource.ScopeDescriptions["mcp:read"]);
        Assert.Equal("Use tools that change things", resource.ScopeDescriptions["mcp:write"]);
        Assert.Equal("Use tools that delete or overwrite", resource.ScopeDescriptions["mcp:destructive"]);
    }

    [Fact]
    public async Task Add_WithIssuer_ResourceUnderThatIssuer()
    {
        var result = await data.RunAsync("upstreams", "add", "notes", "--url", "https://notes.example.com/mcp", "--issuer", "https://mandate.example.com", "--json");
        var slash = await data.RunAsync("upstreams", "add", "other", "--url", "https://notes.example.com/mcp", "--issuer", "https://mandate.example.com/");
        var plainHttp = await data.RunAsync("upstreams", "add", "other", "--url", "https://notes.example.com/mcp", "--issuer", "http://mandate.example.com");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, slash.ExitCode);
        Assert.Equal(2, plainHttp.ExitCode);
        Assert.Single((await data.RunAsync("upstreams", "list", "--json")).Json.EnumerateArray());
        Assert.Equal("https://mandate.example.com/mcp/notes", result.Json.GetProperty("resource").GetString());
        Assert.NotNull(await data.Store<IResourceStore>().FindAsync("https://mandate.example.com/mcp/notes", CancellationToken.None));
    }

    [Fact]
    public async Task HeaderValues_NeverShownAgain_NorStoredInPlaintext()
    {
        await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp", "--header", "Authorization: Bearer " + Secret);

        var table = await data.RunAsync("upstreams", "list");
        var json = await data.RunAsync("upstreams", "list", "--json");

        Assert.Contains("Authorization", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, table.Out + json.Out, StringComparison.Ordinal);
        Assert.Equal(["Authorization"], Assert.Single(json.Json.EnumerateArray()).GetProperty("headers").EnumerateArray().Select(h => h.GetString()));
        Assert.DoesNotContain(Secret, await RawHeadersAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysLost_ListFailsClearly()
    {
        await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp", "--header", "Authorization: Bearer " + Secret);
        Directory.Delete(Path.Combine(data.Path, "data-protection"), recursive: true);

        var result = await data.RunAsync("upstreams", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("headers of upstream 'notes' cannot be decrypted", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Notes", "http://127.0.0.1:3000/mcp", "X: y")]
    [InlineData("no spaces", "http://127.0.0.1:3000/mcp", "X: y")]
    [InlineData("a-name-that-is-far-too-long-for-a-path-segment-of-the-gateway-xxxx", "http://127.0.0.1:3000/mcp", "X: y")]
    [InlineData("notes", "ftp://example.com/mcp", "X: y")]
    [InlineData("notes", "/relative/mcp", "X: y")]
    [InlineData("notes", "http://127.0.0.1:3000/mcp", "NoColon")]
    [InlineData("notes", "http://127.0.0.1:3000/mcp", "Bad Name: v")]
    [InlineData("notes", "http://127.0.0.1:3000/mcp", "Host: evil.example")]
    [InlineData("notes", "http://127.0.0.1:3000/mcp", "Mcp-Session-Id: fixed")]
    public async Task Add_InvalidInput_Refused(string name, string url, string header)
    {
        var result = await data.RunAsync("upstreams", "add", name, "--url", url, "--header", header);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
        Assert.Empty((await data.RunAsync("upstreams", "list", "--json")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Add_OtherTransport_Refused()
    {
        var result = await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp", "--transport", "stdio");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Remove_RemovesUpstreamResourceAndToolRecords()
    {
        await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp");
        await data.RunAsync("policy", "set", "notes", "wipe", "--level", "deny");

        var removed = await data.RunAsync("upstreams", "remove", "notes");
        var again = await data.RunAsync("upstreams", "remove", "notes");

        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal(1, again.ExitCode);
        Assert.Null(await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/mcp/notes", CancellationToken.None));
        Assert.Empty(await data.Store<IToolPolicyStore>().ListAsync("notes", CancellationToken.None));
        Assert.Empty((await data.RunAsync("upstreams", "list", "--json")).Json.EnumerateArray());
    }

    public void Dispose() => data.Dispose();

    private async Task<string> RawHeadersAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "mandate.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedHeaders FROM upstreams";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
