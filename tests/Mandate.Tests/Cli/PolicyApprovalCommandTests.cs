using Mandate.Core.Gateway;
using Mandate.Storage.Stores;
using Mandate.Tests.Support;

namespace Mandate.Tests.Cli;

/// <summary>mandate policy set --level approval: every call of the tool needs a person's approval, on top of its level.</summary>
[Collection(ConsoleTests.Name)]
public sealed class PolicyApprovalCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task ApprovalLevel_IsStored_WithOrWithoutALevel_Listed_AndRemovedByAPlainLevel()
    {
        await data.RunAsync("upstreams", "add", "mail", "--url", "http://127.0.0.1:3000/mcp");

        var alone = await data.RunAsync("policy", "set", "mail", "send_mail", "--level", "approval");
        var withLevel = await data.RunAsync("policy", "set", "mail", "delete_mail", "--level", "write,approval");
        var listed = await data.RunAsync("policy", "list", "mail", "--json");

        Assert.True(alone.ExitCode == 0, alone.Error);
        Assert.Contains("every call needs a person's approval", alone.Out, StringComparison.Ordinal);
        Assert.True(withLevel.ExitCode == 0, withLevel.Error);
        var send = (await data.Store<EfToolPolicyStore>().FindAsync("mail", "send_mail", CancellationToken.None))!;
        Assert.True(send.RequiresApproval);
        Assert.Null(send.OverrideLevel);
        var delete = (await data.Store<EfToolPolicyStore>().FindAsync("mail", "delete_mail", CancellationToken.None))!;
        Assert.True(delete.RequiresApproval);
        Assert.Equal(PermissionLevel.Write, delete.OverrideLevel);
        Assert.True(listed.Json.EnumerateArray().Single(t => t.GetProperty("tool").GetString() == "send_mail").GetProperty("requires_approval").GetBoolean());

        var plain = await data.RunAsync("policy", "set", "mail", "send_mail", "--level", "read");

        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.False((await data.Store<EfToolPolicyStore>().FindAsync("mail", "send_mail", CancellationToken.None))!.RequiresApproval);
    }

    [Theory]
    [InlineData("deny,approval")]
    [InlineData("approval,approval")]
    [InlineData("read,write")]
    [InlineData("sometimes")]
    public async Task BadLevels_AreRefused(string level)
    {
        await data.RunAsync("upstreams", "add", "mail", "--url", "http://127.0.0.1:3000/mcp");

        Assert.Equal(1, (await data.RunAsync("policy", "set", "mail", "t", "--level", level)).ExitCode);
        Assert.Null(await data.Store<EfToolPolicyStore>().FindAsync("mail", "t", CancellationToken.None));
    }

    public void Dispose() => data.Dispose();
}
