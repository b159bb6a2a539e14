using Mandate.Core.Gateway;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>mandate policy set --label: the operator's data-flow labels, stored, listed, and removed with 'default'.</summary>
[Collection(ConsoleTests.Name)]
public sealed class PolicyLabelCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Label_IsStored_Listed_AndRemoved()
    {
        await data.RunAsync("upstreams", "add", "mail", "--url", "http://127.0.0.1:3000/mcp");

        var set = await data.RunAsync("policy", "set", "mail", "read_inbox", "--label", "private");
        var both = await data.RunAsync("policy", "set", "mail", "forward", "--label", "private,egress", "--level", "write");
        var listed = await data.RunAsync("policy", "list", "mail", "--json");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.True(both.ExitCode == 0, both.Error);
        var policy = await data.Store<Mandate.Storage.Stores.EfToolPolicyStore>().FindAsync("mail", "read_inbox", CancellationToken.None);
        Assert.Equal(DataFlowLabels.Private, policy!.LabelOverride);
        var forward = listed.Json.EnumerateArray().Single(t => t.GetProperty("tool").GetString() == "forward");
        Assert.Equal("private,egress", forward.GetProperty("labels").GetString());
        Assert.Equal("write", forward.GetProperty("override").GetString());

        var removed = await data.RunAsync("policy", "set", "mail", "read_inbox", "--label", "default");

        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Null((await data.Store<Mandate.Storage.Stores.EfToolPolicyStore>().FindAsync("mail", "read_inbox", CancellationToken.None))!.LabelOverride);
    }

    [Fact]
    public async Task BadWordsAndNothingToSet_AreRefused()
    {
        await data.RunAsync("upstreams", "add", "mail", "--url", "http://127.0.0.1:3000/mcp");

        Assert.Equal(1, (await data.RunAsync("policy", "set", "mail", "t", "--label", "secret")).ExitCode);
        Assert.Equal(1, (await data.RunAsync("policy", "set", "mail", "t")).ExitCode);
        Assert.Null(await data.Store<Mandate.Storage.Stores.EfToolPolicyStore>().FindAsync("mail", "t", CancellationToken.None));
    }

    public void Dispose() => data.Dispose();
}
