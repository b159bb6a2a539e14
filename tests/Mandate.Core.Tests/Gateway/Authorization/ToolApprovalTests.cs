using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tests.Gateway.Authorization;

/// <summary>Which calls need a person's approval: the operator's "approval" level, and destructive tools when policy says so.</summary>
public sealed class ToolApprovalTests
{
    private readonly GatewayHarness gateway = new();

    [Fact]
    public async Task ApprovalLevel_RequiresApproval_WhateverTheLevel()
    {
        await gateway.ListAsync(GatewayHarness.Tool("write_note", annotations: """{"readOnlyHint":false,"destructiveHint":false}"""));
        await gateway.Admin.SetOverrideAsync(GatewayHarness.UpstreamName, "write_note", null, requiresApproval: true, CancellationToken.None);

        var reason = await Approvals(requireForDestructive: false).ReasonAsync(gateway.Upstream, "write_note", PermissionLevel.Write, CancellationToken.None);

        Assert.Equal("tool requires approval", reason);
        Assert.Equal(PermissionLevel.Write, await gateway.Catalog.FindLevelAsync(gateway.Upstream, "write_note", CancellationToken.None));
    }

    [Fact]
    public async Task SettingAPlainLevel_RemovesTheApproval()
    {
        await gateway.ListAsync(GatewayHarness.Tool("write_note", annotations: """{"readOnlyHint":false,"destructiveHint":false}"""));
        await gateway.Admin.SetOverrideAsync(GatewayHarness.UpstreamName, "write_note", PermissionLevel.Write, requiresApproval: true, CancellationToken.None);

        await gateway.Admin.SetOverrideAsync(GatewayHarness.UpstreamName, "write_note", PermissionLevel.Write, CancellationToken.None);

        Assert.False(await gateway.Catalog.RequiresApprovalAsync(gateway.Upstream, "write_note", CancellationToken.None));
    }

    [Theory]
    [InlineData(true, PermissionLevel.Destructive, "destructive tool requires approval")]
    [InlineData(true, PermissionLevel.Write, null)]
    [InlineData(false, PermissionLevel.Destructive, null)]
    public async Task DestructiveTools_NeedApproval_OnlyWhenPolicySaysSo(bool requireForDestructive, PermissionLevel level, string? expected)
    {
        var reason = await Approvals(requireForDestructive).ReasonAsync(gateway.Upstream, "anything", level, CancellationToken.None);

        Assert.Equal(expected, reason);
    }

    private ToolApprovals Approvals(bool requireForDestructive) =>
        new(gateway.Catalog, Options.Create(new MandateOptions { Issuer = "https://mandate.example.com", Gateway = { RequireApprovalForDestructive = requireForDestructive } }));
}
