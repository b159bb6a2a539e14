using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.OAuth.Exchange;

public sealed class AccessTokenRevokerTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync(sqlite: true);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Revoke_WalksTheWholeSubtree_AndNothingElse()
    {
        var exp = harness.Time.GetUtcNow().AddMinutes(5);
        var delegations = harness.Get<IDelegationStore>();
        foreach (var (child, parent) in new[] { ("b", "a"), ("c", "b"), ("d", "b"), ("e", "c"), ("x", "other") })
        {
            await delegations.RecordAsync(new TokenDelegation(child, parent, exp), CancellationToken.None);
        }

        var count = await harness.Get<AccessTokenRevoker>().RevokeAsync("b", exp, CancellationToken.None);

        var revoked = harness.Get<IRevokedAccessTokenStore>();
        Assert.Equal(4, count);
        foreach (var id in new[] { "b", "c", "d", "e" })
        {
            Assert.True(await revoked.IsRevokedAsync(id, CancellationToken.None), id);
        }

        foreach (var id in new[] { "a", "x", "other" })
        {
            Assert.False(await revoked.IsRevokedAsync(id, CancellationToken.None), id);
        }
    }

    [Fact]
    public async Task Revoke_TerminatesOnACycle()
    {
        var exp = harness.Time.GetUtcNow().AddMinutes(5);
        var delegations = harness.Get<IDelegationStore>();
        await delegations.RecordAsync(new TokenDelegation("b", "a", exp), CancellationToken.None);
        await delegations.RecordAsync(new TokenDelegation("a", "b", exp), CancellationToken.None);

        Assert.Equal(2, await harness.Get<AccessTokenRevoker>().RevokeAsync("a", exp, CancellationToken.None));
    }
}
