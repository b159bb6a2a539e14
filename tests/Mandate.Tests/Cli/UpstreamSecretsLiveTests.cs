using Mandate.Core.Gateway;
using Mandate.Testing;
using Mandate.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Tests.Cli;

/// <summary>The CLI and a running server share the data-protection keys, so each reads the upstream headers the other stored.</summary>
[Collection(ConsoleTests.Name)]
public sealed class UpstreamSecretsLiveTests
{
    [Fact]
    public async Task HeadersStoredByTheCli_ReadByTheServer_AndTheOtherWayRound()
    {
        await using var server = await MandateTestServer.StartAsync();
        var store = server.Services.GetRequiredService<IUpstreamStore>();

        var added = await CliRunner.RunAsync(server.DataDir, "upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp", "--header", "Authorization: Bearer from-cli");
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Equal("Bearer from-cli", (await store.FindAsync("notes", CancellationToken.None))!.Headers["Authorization"]);

        await store.UpsertAsync(new Upstream { Name = "files", Url = "http://127.0.0.1:3001/mcp", Headers = new Dictionary<string, string> { ["X-Api-Key"] = "from-server" } }, CancellationToken.None);
        var listed = await CliRunner.RunAsync(server.DataDir, "upstreams", "list", "--json");

        Assert.True(listed.ExitCode == 0, listed.Error);
        var files = listed.Json.EnumerateArray().Single(u => u.GetProperty("name").GetString() == "files");
        Assert.Equal(["X-Api-Key"], files.GetProperty("headers").EnumerateArray().Select(h => h.GetString()));
    }
}
