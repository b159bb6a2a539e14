using System.Text.Json;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.Tokens;

/// <summary>RFC 8693 act and may_act claims: written by the issuer, read back by the validator, refused when malformed.</summary>
public sealed class ActorChainTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public void ActAndMayAct_RoundTripThroughAToken()
    {
        var chain = new Actor("agent-c", "client-c", new Actor("agent-b", "client-b", new Actor("client-a", "client-a")));

        var issued = harness.Get<AccessTokenIssuer>().Issue(Request() with { Actor = chain, MayAct = new MayAct(null, "client-d") });
        var claims = harness.Get<AccessTokenValidator>().Validate(issued.Token)!;

        Assert.Equal(chain, claims.Actor);
        Assert.Equal(3, claims.Actor!.Depth);
        Assert.Equal(["client-c", "client-b", "client-a"], claims.Actor.Chain().Select(a => a.ClientId));
        Assert.Equal(new MayAct(null, "client-d"), claims.MayAct);
        Assert.Equal("agent-b", Jwt.Payload(issued.Token).GetProperty("act").GetProperty("act").GetProperty("sub").GetString());
    }

    [Fact]
    public void NotAfter_CapsTheLifetime_AndExpiresInFollows()
    {
        var notAfter = harness.Time.GetUtcNow().AddSeconds(90);

        var issued = harness.Get<AccessTokenIssuer>().Issue(Request() with { NotAfter = notAfter });

        Assert.Equal(notAfter, issued.ExpiresAt);
        Assert.Equal(90, issued.ExpiresIn);
    }

    [Theory]
    [InlineData("""{"sub":"a"}""")]
    [InlineData("""{"sub":"a","client_id":"a","act":"b"}""")]
    [InlineData("\"a\"")]
    public void MalformedAct_MakesTheChainUnreadable(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(Actor.Read(document.RootElement));
    }

    [Fact]
    public void ChainsDeeperThanTheReadableLimit_AreRefused()
    {
        Actor? chain = null;
        for (var i = 0; i < Actor.MaxReadableDepth + 1; i++)
        {
            chain = new Actor("a" + i, "c" + i, chain);
        }

        using var document = JsonDocument.Parse(chain!.ToJson());

        Assert.Null(Actor.Read(document.RootElement));
    }

    [Theory]
    [InlineData(null, "client-b", "agent", "client-b", true)]
    [InlineData(null, "client-b", "agent", "client-c", false)]
    [InlineData("agent", "client-b", "other", "client-b", false)]
    [InlineData("agent", null, "agent", "anything", true)]
    [InlineData(null, null, "agent", "client-b", false)]
    public void MayAct_AllowsOnlyThePartyItNames(string? sub, string? clientId, string actorSub, string actorClient, bool allowed) =>
        Assert.Equal(allowed, new MayAct(sub, clientId).Allows(new Actor(actorSub, actorClient)));

    private static AccessTokenRequest Request() => new()
    {
        Subject = "user-1",
        ClientId = "client-c",
        Resource = CoreHarness.ResourceUri,
        Scopes = ["tools.read"],
    };
}
