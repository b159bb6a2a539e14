using System.Text;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Mandates;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Core.Tests.Fakes;
using Mandate.Core.Tests.Mandates;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tests.Gateway.Authorization;

/// <summary>How a mandate combines with scopes, tool levels and operator policy in the gateway's decision.</summary>
public sealed class MandateAuthorizationTests
{
    private readonly GatewayHarness gateway = new();
    private readonly GatewayAuthorizer authorizer;

    public MandateAuthorizationTests()
    {
        var fetches = new ToolListFetches(gateway.Catalog, new NoTools(), gateway.Time, new ListLogger<GatewayAuthorizer>());
        var options = Options.Create(new MandateOptions { Issuer = "https://mandate.example.com" });
        authorizer = new GatewayAuthorizer(gateway.Catalog, fetches, new MandateEnforcer(new ArgumentSchemaCache(), gateway.Time), new DataFlowGuard(gateway.Catalog, new NoMarks(), options), new ToolApprovals(gateway.Catalog, options));
    }

    [Fact]
    public async Task AMandateTool_IsAllowedWithoutAnyScope_AtWhateverLevel()
    {
        await gateway.ListAsync(GatewayHarness.Tool("create_issue", annotations: """{"destructiveHint":true}"""));

        var decision = await DecideAsync(Claims(scope: null), Call("create_issue", """{"repo":"acme/web","title":"t"}"""));

        Assert.Equal(GatewayOutcome.Allow, decision.Outcome);
        Assert.Equal("catalog, mandate", decision.Calls[0].Reason);
        Assert.Single(decision.Charges);
    }

    [Fact]
    public async Task ScopesDoNotAddTools_ToAMandate()
    {
        await gateway.ListAsync(GatewayHarness.Tool("read_note", annotations: """{"readOnlyHint":true}"""));

        var decision = await DecideAsync(Claims(scope: "mcp:read mcp:write mcp:destructive"), Call("read_note", "{}"));

        Assert.Equal(GatewayOutcome.MandateRefused, decision.Outcome);
        Assert.Equal("tool not in mandate", decision.Calls[0].Reason);
    }

    [Fact]
    public async Task ADeniedOrHeldTool_StaysDenied_EvenInTheMandate()
    {
        await gateway.ListAsync(GatewayHarness.Tool("create_issue", annotations: """{"destructiveHint":false}"""));
        await gateway.Admin.SetOverrideAsync(GatewayHarness.UpstreamName, "create_issue", PermissionLevel.Deny, CancellationToken.None);

        var decision = await DecideAsync(Claims(scope: null), Call("create_issue", """{"repo":"acme/web","title":"t"}"""));

        Assert.Equal(GatewayOutcome.Deny, decision.Outcome);
        Assert.Empty(decision.Charges);
    }

    [Fact]
    public async Task SessionPlumbing_NeedsNoScope_ButResourcesStillDo()
    {
        var plumbing = await DecideAsync(Claims(scope: null), new McpCall("initialize"), new McpCall("tools/list"), new McpCall("notifications/initialized"), new McpCall(null));
        var resources = await DecideAsync(Claims(scope: null), new McpCall("resources/read"));

        Assert.Equal(GatewayOutcome.Allow, plumbing.Outcome);
        Assert.Equal(GatewayOutcome.StepUp, resources.Outcome);
        Assert.Equal("mcp:read", resources.RequiredScope);
    }

    [Fact]
    public async Task AtAnotherLocation_TheMandateHasNoSay()
    {
        await gateway.ListAsync(GatewayHarness.Tool("read_note", annotations: """{"readOnlyHint":true}"""));
        var request = new GatewayRequest(gateway.Upstream, "https://mcp.example.com/other", Claims(scope: "mcp:read"), ["mcp:read"], []);

        var decision = await authorizer.AuthorizeAsync(request, [Call("read_note", "{}")], CancellationToken.None);

        Assert.Equal(GatewayOutcome.Allow, decision.Outcome);
        Assert.False(decision.Calls[0].ByMandate);
    }

    [Fact]
    public async Task ABatch_WithOneMandateRefusal_IsRefusedWhole()
    {
        await gateway.ListAsync(GatewayHarness.Tool("create_issue", annotations: """{"destructiveHint":false}"""));

        var decision = await DecideAsync(Claims(scope: null), Call("create_issue", """{"repo":"acme/web","title":"t"}"""), Call("create_issue", """{"repo":"x","title":"t"}"""));

        Assert.Equal(GatewayOutcome.MandateRefused, decision.Outcome);
        Assert.Equal(GatewayOutcome.Allow, decision.Calls[0].Outcome);
        Assert.Equal("argument 'repo' fails constraint 'const'", decision.Calls[1].Reason);
    }

    [Fact]
    public async Task AnApprovalGatedMandateTool_IsHeld_AndKeepsItsCountForWhenItIsApproved()
    {
        await gateway.ListAsync(GatewayHarness.Tool("create_issue", annotations: """{"destructiveHint":true}"""));
        await gateway.Admin.SetOverrideAsync(GatewayHarness.UpstreamName, "create_issue", null, requiresApproval: true, CancellationToken.None);

        var decision = await DecideAsync(Claims(scope: null), Call("create_issue", """{"repo":"acme/web","title":"t"}"""));

        Assert.Equal(GatewayOutcome.RequiresApproval, decision.Outcome);
        Assert.Equal("tool requires approval", decision.Calls[0].Reason);
        Assert.Single(decision.Charges);
    }

    private Task<GatewayDecision> DecideAsync(AccessTokenClaims claims, params McpCall[] calls) =>
        authorizer.AuthorizeAsync(new GatewayRequest(gateway.Upstream, MandateExamples.Resource, claims, claims.Scope?.Split(' ') ?? [], []), calls, CancellationToken.None);

    private static McpCall Call(string tool, string arguments) => new("tools/call", tool) { Arguments = Encoding.UTF8.GetBytes(arguments) };

    private static AccessTokenClaims Claims(string? scope) =>
        new("jti-1", "usr_alice", "agent", MandateExamples.Resource, scope, CoreHarness.Start, CoreHarness.Start.AddMinutes(30))
        {
            Mandate = MandateParser.Parse(MandateExamples.Details(), checkSchemas: false).Mandate,
            MandateGrants = new MandateGrantChain([], "g0"),
        };

    private sealed class NoTools : IUpstreamToolSource
    {
        public Task<IReadOnlyList<JsonElement>> ListToolsAsync(Upstream upstream, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JsonElement>>([]);
    }

    private sealed class NoMarks : IDataFlowTaintStore
    {
        public Task<bool> IsAnyMarkedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task MarkAsync(IReadOnlyList<string> keys, string upstream, string tool, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
