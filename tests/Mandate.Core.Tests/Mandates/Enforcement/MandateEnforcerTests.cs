using System.Text;
using Mandate.Core.Mandates;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Mandates.Enforcement;

/// <summary>One tools/call against a token's mandate: which limit refuses it, and which counters an allowed call must pass.</summary>
public sealed class MandateEnforcerTests
{
    private readonly FakeTimeProvider time = new(CoreHarness.Start);

    private MandateEnforcer Enforcer => new(new ArgumentSchemaCache(), time);

    [Fact]
    public void AToolInTheMandate_WithGoodArguments_IsAllowed_WithItsGrantsCounter()
    {
        var verdict = Enforcer.Check(Claims(), "create_issue", Json("""{"repo":"acme/web","title":"t"}"""));

        Assert.True(verdict.Allowed);
        Assert.Equal([new CallCharge("g0", "create_issue", 3, DateTimeOffset.FromUnixTimeSeconds(MandateExamples.ExpiresAt))], verdict.Charges);
    }

    [Fact]
    public void AToolNotInTheMandate_IsRefused() =>
        Assert.Equal("tool not in mandate", Enforcer.Check(Claims(), "delete_repo", Json("{}")).Refusal);

    [Fact]
    public void AToolCallWithoutAName_IsRefused() =>
        Assert.Equal("tool not in mandate", Enforcer.Check(Claims(), null, null).Refusal);

    [Fact]
    public void BadArguments_AreRefused_SayingWhich() =>
        Assert.Equal("argument 'repo' fails constraint 'const'", Enforcer.Check(Claims(), "create_issue", Json("""{"repo":"evil/x","title":"t"}""")).Refusal);

    [Fact]
    public void AtExpiry_EveryCallIsRefused()
    {
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(MandateExamples.ExpiresAt));

        Assert.Equal("mandate expired", Enforcer.Check(Claims(), "create_issue", Json("""{"repo":"acme/web","title":"t"}""")).Refusal);
    }

    [Fact]
    public void AToolWithoutALimit_IsAllowedUncounted() =>
        Assert.Empty(Enforcer.Check(Claims(MandateExamples.Tool("list_issues", null, null)), "list_issues", null).Charges);

    [Fact]
    public void ADerivedToken_PassesItsOwnCounterAndEveryAncestors()
    {
        var root = Mandate(MandateExamples.Tool());
        var child = Mandate(MandateExamples.Tool(maxCalls: 2));
        var claims = Claims(MandateExamples.Tool(maxCalls: 2)) with { MandateGrants = new MandateGrantChain([], "g0").Derive(root, child, "g1") };

        var verdict = Enforcer.Check(claims, "create_issue", Json("""{"repo":"acme/web","title":"t"}"""));

        Assert.Equal([("g0", 3), ("g1", 2)], verdict.Charges.Select(c => (c.GrantId, c.MaxCalls)));
    }

    [Fact]
    public void ALimitedToolWithoutAGrant_IsRefused_NotLeftUncounted() =>
        Assert.StartsWith("the mandate has no grant", Enforcer.Check(Claims() with { MandateGrants = null }, "create_issue", Json("""{"repo":"acme/web","title":"t"}""")).Refusal, StringComparison.Ordinal);

    [Fact]
    public void Governs_OnlyTheMandatesLocations()
    {
        Assert.True(MandateEnforcer.Governs(Claims(), MandateExamples.Resource));
        Assert.False(MandateEnforcer.Governs(Claims(), "https://mcp.example.com/other"));
        Assert.False(MandateEnforcer.Governs(Claims() with { Mandate = null }, MandateExamples.Resource));
    }

    private static TaskMandate Mandate(string tools) => MandateParser.Parse(MandateExamples.Details(tools), checkSchemas: false).Mandate!;

    private static AccessTokenClaims Claims(string? tools = null) =>
        new("jti-1", "usr_alice", "agent", MandateExamples.Resource, null, CoreHarness.Start, CoreHarness.Start.AddMinutes(30))
        {
            Mandate = Mandate(tools ?? MandateExamples.Tool()),
            MandateGrants = new MandateGrantChain([], "g0"),
        };

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);
}
