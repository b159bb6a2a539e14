using Mandate.Core.Gateway;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>mandate upstreams add --credential connector:NAME [--as ...]: stored with the upstream, shown by list.</summary>
[Collection(ConsoleTests.Name)]
public sealed class UpstreamCredentialCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Credential_IsStoredWithTheUpstream_AndListed()
    {
        Assert.Equal(0, (await data.RunAsync("connectors", "add", "weather", "--api-key")).ExitCode);

        var added = await data.RunAsync("upstreams", "add", "forecast", "--url", "http://127.0.0.1:3000/mcp", "--credential", "connector:weather", "--as", "header:X-Api-Key");
        var table = await data.RunAsync("upstreams", "list");
        var json = await data.RunAsync("upstreams", "list", "--json");

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains("http://127.0.0.1:5080/connections?connector=weather", added.Out, StringComparison.Ordinal);
        Assert.Equal(new UpstreamCredential("weather", CredentialPlacement.Header, "X-Api-Key"), (await data.Store<IUpstreamStore>().FindAsync("forecast", CancellationToken.None))!.Credential);
        Assert.Contains("connector:weather as header:X-Api-Key", table.Out, StringComparison.Ordinal);
        var credential = json.Json.EnumerateArray().Single().GetProperty("credential");
        Assert.Equal("weather", credential.GetProperty("connector").GetString());
        Assert.Equal("header:X-Api-Key", credential.GetProperty("as").GetString());
    }

    [Fact]
    public async Task AddingAgainWithoutCredential_RemovesIt()
    {
        await data.RunAsync("connectors", "add", "weather", "--api-key");
        await data.RunAsync("upstreams", "add", "forecast", "--url", "http://127.0.0.1:3000/mcp", "--credential", "connector:weather");

        Assert.Equal(0, (await data.RunAsync("upstreams", "add", "forecast", "--url", "http://127.0.0.1:3000/mcp")).ExitCode);

        Assert.Null((await data.Store<IUpstreamStore>().FindAsync("forecast", CancellationToken.None))!.Credential);
    }

    [Theory]
    [InlineData("--credential", "connector:nobody")]
    [InlineData("--credential", "weather")]
    [InlineData("--as", "bearer")]
    public async Task BadCredentialOptions_AreRefused_AndNothingIsStored(string option, string value)
    {
        await data.RunAsync("connectors", "add", "weather", "--api-key");

        var result = await data.RunAsync("upstreams", "add", "forecast", "--url", "http://127.0.0.1:3000/mcp", option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Error);
        Assert.Null(await data.Store<IUpstreamStore>().FindAsync("forecast", CancellationToken.None));
    }

    [Fact]
    public async Task ReservedHeader_IsRefused()
    {
        await data.RunAsync("connectors", "add", "weather", "--api-key");

        var result = await data.RunAsync("upstreams", "add", "forecast", "--url", "http://127.0.0.1:3000/mcp", "--credential", "connector:weather", "--as", "header:Host");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Host", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();
}
