using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tests.Gateway.DataFlow;

/// <summary>Private, then egress: the rule per mode, and whose reads count (the whole grant chain, the session).</summary>
public sealed class DataFlowGuardTests
{
    private readonly MemoryMarks marks = new();

    [Theory]
    [InlineData(DataFlowMode.Deny, DataFlowVerdict.Deny)]
    [InlineData(DataFlowMode.Approval, DataFlowVerdict.RequiresApproval)]
    [InlineData(DataFlowMode.Off, DataFlowVerdict.Allow)]
    public async Task EgressAfterPrivate_PerMode(DataFlowMode mode, DataFlowVerdict expected)
    {
        var guard = Guard(mode);
        Assert.Equal(DataFlowVerdict.Allow, await guard.CheckAsync(DataFlowLabels.Egress, ["grant:g0"], CancellationToken.None));

        await guard.MarkAsync(["grant:g0"], "mail", "read_inbox", CoreHarness.Start.AddHours(1), CancellationToken.None);

        Assert.Equal(expected, await guard.CheckAsync(DataFlowLabels.Egress, ["grant:g0"], CancellationToken.None));
        Assert.Equal(expected, await guard.CheckAsync(DataFlowLabels.Egress | DataFlowLabels.Private, ["grant:g0"], CancellationToken.None));
        Assert.Equal(DataFlowVerdict.Allow, await guard.CheckAsync(DataFlowLabels.Private, ["grant:g0"], CancellationToken.None));
        Assert.Equal(DataFlowVerdict.Allow, await guard.CheckAsync(DataFlowLabels.None, ["grant:g0"], CancellationToken.None));
    }

    [Fact]
    public async Task ASubAgentsRead_TaintsItsParent_AndItsSiblings()
    {
        var root = new Core.Tokens.AccessTokenClaims("j0", "usr", "c", "r", null, CoreHarness.Start, CoreHarness.Start.AddHours(1)) { MandateGrants = new([], "g0") };
        var childA = root with { TokenId = "j1", MandateGrants = new([new("g0", new Dictionary<string, int>())], "g1") };
        var childB = root with { TokenId = "j2", MandateGrants = new([new("g0", new Dictionary<string, int>())], "g2") };
        var guard = Guard(DataFlowMode.Deny);

        await guard.MarkAsync(DataFlowKeys.For(childA, null), "mail", "read_inbox", CoreHarness.Start.AddHours(1), CancellationToken.None);

        Assert.Equal(DataFlowVerdict.Deny, await guard.CheckAsync(DataFlowLabels.Egress, DataFlowKeys.For(root, null), CancellationToken.None));
        Assert.Equal(DataFlowVerdict.Deny, await guard.CheckAsync(DataFlowLabels.Egress, DataFlowKeys.For(childB, null), CancellationToken.None));
    }

    [Fact]
    public void WithoutAMandate_TheTokenAndTheSessionAreTracked()
    {
        var claims = new Core.Tokens.AccessTokenClaims("jti-9", "usr", "c", "r", "mcp:read", CoreHarness.Start, CoreHarness.Start.AddHours(1));

        Assert.Equal(["token:jti-9", "session:s1"], DataFlowKeys.For(claims, "s1"));
    }

    private DataFlowGuard Guard(DataFlowMode mode) =>
        new(new GatewayHarness().Catalog, marks, Options.Create(new MandateOptions { Issuer = "https://mandate.example.com", Gateway = new GatewayOptions { PrivateThenEgress = mode } }));

    private sealed class MemoryMarks : IDataFlowTaintStore
    {
        private readonly HashSet<string> marked = new(StringComparer.Ordinal);

        public Task<bool> IsAnyMarkedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => Task.FromResult(keys.Any(marked.Contains));

        public Task MarkAsync(IReadOnlyList<string> keys, string upstream, string tool, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            marked.UnionWith(keys);
            return Task.CompletedTask;
        }

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
