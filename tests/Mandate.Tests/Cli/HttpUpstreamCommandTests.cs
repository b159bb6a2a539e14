using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;
using Mandate.Core.Resources;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>mandate upstreams add --kind http and mandate policy rule add|list|remove.</summary>
[Collection(ConsoleTests.Name)]
public sealed class HttpUpstreamCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task KindHttp_IsStored_Listed_AndServedUnderHttp()
    {
        var added = await data.RunAsync("upstreams", "add", "github", "--url", "https://api.github.example", "--kind", "http", "--header", "X-Api-Key: k");
        var table = await data.RunAsync("upstreams", "list");
        var json = await data.RunAsync("upstreams", "list", "--json");

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains("http://127.0.0.1:5080/http/github", added.Out, StringComparison.Ordinal);
        Assert.Equal(UpstreamKind.Http, (await data.Store<IUpstreamStore>().FindAsync("github", CancellationToken.None))!.Kind);
        var resource = await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/http/github", CancellationToken.None);
        Assert.Equal(GatewayScopes.All, resource!.Scopes);
        Assert.Null(await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/mcp/github", CancellationToken.None));
        Assert.Contains("http ", table.Out, StringComparison.Ordinal);
        Assert.Equal("http", json.Json.EnumerateArray().Single().GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ChangingTheKind_MovesTheResource()
    {
        await data.RunAsync("upstreams", "add", "svc", "--url", "http://127.0.0.1:3000/mcp");

        Assert.Equal(0, (await data.RunAsync("upstreams", "add", "svc", "--url", "http://127.0.0.1:3000", "--kind", "http")).ExitCode);

        Assert.Null(await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/mcp/svc", CancellationToken.None));
        Assert.NotNull(await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/http/svc", CancellationToken.None));
        Assert.Equal(0, (await data.RunAsync("upstreams", "remove", "svc")).ExitCode);
        Assert.Null(await data.Store<IResourceStore>().FindAsync("http://127.0.0.1:5080/http/svc", CancellationToken.None));
    }

    [Theory]
    [InlineData("--kind", "grpc")]
    [InlineData("--trust-annotations", null)]
    [InlineData("--record-arguments", null)]
    public async Task OptionsThatDoNotFit_AreRefused(string option, string? value)
    {
        string[] args = value is null
            ? ["upstreams", "add", "api", "--url", "http://127.0.0.1:3000", "--kind", "http", option]
            : ["upstreams", "add", "api", "--url", "http://127.0.0.1:3000", option, value];
        await data.RunAsync("upstreams", "list");

        var result = await data.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Null(await data.Store<IUpstreamStore>().FindAsync("api", CancellationToken.None));
    }

    [Fact]
    public async Task Rules_AddListRemove_MostSpecificFirst_AndAudited()
    {
        await data.RunAsync("upstreams", "add", "api", "--url", "http://127.0.0.1:3000", "--kind", "http");

        var broad = await data.RunAsync("policy", "rule", "add", "api", "--method", "*", "--path", "/repos/**", "--level", "deny", "--json");
        var narrow = await data.RunAsync("policy", "rule", "add", "api", "--method", "get", "--path", "//repos/*/issues", "--level", "read", "--json");
        var list = await data.RunAsync("policy", "rule", "list", "api", "--json");

        Assert.True(broad.ExitCode == 0, broad.Error);
        Assert.Equal("GET", narrow.Json.GetProperty("method").GetString());
        Assert.Equal("/repos/*/issues", narrow.Json.GetProperty("path").GetString());
        Assert.Equal([narrow.Json.GetProperty("id").GetInt64(), broad.Json.GetProperty("id").GetInt64()], list.Json.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));

        var removed = await data.RunAsync("policy", "rule", "remove", "api", broad.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, removed.ExitCode);
        Assert.Single(await data.Store<IHttpRuleStore>().ListAsync("api", CancellationToken.None));
        var table = await data.RunAsync("policy", "rule", "list", "api");
        Assert.Contains("/repos/*/issues", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("/repos/**", table.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--method", "G T", "--path", "/x", "--level", "read")]
    [InlineData("--method", "GET", "--path", "x", "--level", "read")]
    [InlineData("--method", "GET", "--path", "/a/../b", "--level", "read")]
    [InlineData("--method", "GET", "--path", "/a/**/b", "--level", "read")]
    [InlineData("--method", "GET", "--path", "/x", "--level", "approval")]
    public async Task BadRules_AreRefused(params string[] options)
    {
        await data.RunAsync("upstreams", "add", "api", "--url", "http://127.0.0.1:3000", "--kind", "http");

        var result = await data.RunAsync(["policy", "rule", "add", "api", .. options]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Error);
        Assert.Empty(await data.Store<IHttpRuleStore>().ListAsync("api", CancellationToken.None));
    }

    [Fact]
    public async Task RulesAndToolCommands_KeepToTheirKind()
    {
        await data.RunAsync("upstreams", "add", "api", "--url", "http://127.0.0.1:3000", "--kind", "http");
        await data.RunAsync("upstreams", "add", "notes", "--url", "http://127.0.0.1:3000/mcp");

        var ruleOnMcp = await data.RunAsync("policy", "rule", "add", "notes", "--method", "GET", "--path", "/x", "--level", "read");
        var toolOnHttp = await data.RunAsync("policy", "set", "api", "some_tool", "--level", "read");
        var toolsOfHttp = await data.RunAsync("upstreams", "tools", "api");
        var unknown = await data.RunAsync("policy", "rule", "remove", "api", "12345");

        Assert.NotEqual(0, ruleOnMcp.ExitCode);
        Assert.Contains("policy set", ruleOnMcp.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, toolOnHttp.ExitCode);
        Assert.Contains("policy rule", toolOnHttp.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, toolsOfHttp.ExitCode);
        Assert.NotEqual(0, unknown.ExitCode);
    }

    [Fact]
    public async Task RemovingTheUpstream_ForgetsItsRules()
    {
        await data.RunAsync("upstreams", "add", "api", "--url", "http://127.0.0.1:3000", "--kind", "http");
        await data.RunAsync("policy", "rule", "add", "api", "--method", "GET", "--path", "/x", "--level", "read");

        var removed = await data.RunAsync("upstreams", "remove", "api");

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("1 HTTP rule", removed.Out, StringComparison.Ordinal);
        Assert.Empty(await data.Store<IHttpRuleStore>().ListAsync("api", CancellationToken.None));
    }

    public void Dispose() => data.Dispose();
}
