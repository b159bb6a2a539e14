using Mandate.Core.Resources;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class ResourcesCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Add_StoresCanonicalUri_ScopesAndTheirWords()
    {
        var result = await data.RunAsync("resources", "add", "https://MCP.Example.com:443/mcp/", "--name", "Tools", "--scope", "tools.read=See your tools", "--scope", "tools.call");

        Assert.Equal(0, result.ExitCode);
        var stored = await data.Store<IResourceStore>().FindAsync("https://mcp.example.com/mcp", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("Tools", stored.Name);
        Assert.Equal(["tools.read", "tools.call"], stored.Scopes);
        Assert.Equal("See your tools", stored.ScopeDescriptions["tools.read"]);
        Assert.False(stored.ScopeDescriptions.ContainsKey("tools.call"));
    }

    [Fact]
    public async Task List_ShowsResources_AsTableAndJson()
    {
        await data.RunAsync("resources", "add", "https://mcp.example.com/mcp", "--scope", "tools.read=See your tools");

        var table = await data.RunAsync("resources", "list");
        var json = await data.RunAsync("resources", "list", "--json");

        Assert.Contains("https://mcp.example.com/mcp", table.Out, StringComparison.Ordinal);
        var resource = Assert.Single(json.Json.EnumerateArray());
        Assert.Equal("https://mcp.example.com/mcp", resource.GetProperty("uri").GetString());
        Assert.Equal("See your tools", resource.GetProperty("scope_descriptions").GetProperty("tools.read").GetString());
    }

    [Fact]
    public async Task AddAgain_ReplacesTheScopes()
    {
        await data.RunAsync("resources", "add", "https://mcp.example.com/mcp", "--scope", "a.read");

        await data.RunAsync("resources", "add", "https://mcp.example.com/mcp/", "--scope", "b.read");

        var resource = Assert.Single((await data.RunAsync("resources", "list", "--json")).Json.EnumerateArray());
        Assert.Equal(["b.read"], resource.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("not a uri", "tools.read")]
    [InlineData("https://mcp.example.com/mcp#x", "tools.read")]
    [InlineData("https://mcp.example.com/mcp", "bad\"scope")]
    public async Task InvalidUriOrScope_IsRefused(string uri, string scope)
    {
        var result = await data.RunAsync("resources", "add", uri, "--scope", scope);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ByAnyEquivalentSpelling()
    {
        await data.RunAsync("resources", "add", "https://mcp.example.com/mcp", "--scope", "tools.read");

        var removed = await data.RunAsync("resources", "remove", "https://MCP.example.com/mcp/");
        var again = await data.RunAsync("resources", "remove", "https://mcp.example.com/mcp");

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Empty((await data.RunAsync("resources", "list", "--json")).Json.EnumerateArray());
    }

    public void Dispose() => data.Dispose();
}
