using Mandate.Core.Gateway;

namespace Mandate.Core.Tests.Gateway;

public sealed class GatewayScopesTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("openid tools.read", null)]
    [InlineData("mcp:read", PermissionLevel.Read)]
    [InlineData("mcp:write", PermissionLevel.Write)]
    [InlineData("mcp:read mcp:destructive", PermissionLevel.Destructive)]
    [InlineData("mcp:destructive mcp:read", PermissionLevel.Destructive)]
    [InlineData("MCP:READ mcp:deny", null)]
    public void HighestAllowed_TakesTheHighestGatewayScope(string scopes, PermissionLevel? expected) =>
        Assert.Equal(expected, GatewayScopes.HighestAllowed(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData("mcp:read", PermissionLevel.Read, true)]
    [InlineData("mcp:read", PermissionLevel.Write, false)]
    [InlineData("mcp:write", PermissionLevel.Read, true)]
    [InlineData("mcp:write", PermissionLevel.Destructive, false)]
    [InlineData("mcp:destructive", PermissionLevel.Write, true)]
    [InlineData("mcp:destructive", PermissionLevel.Deny, false)]
    [InlineData("", PermissionLevel.Read, false)]
    public void Allows_EachScopeImpliesTheOnesBefore(string scopes, PermissionLevel level, bool allowed) =>
        Assert.Equal(allowed, GatewayScopes.Allows(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), level));

    [Fact]
    public void ScopeFor_EachLevel_DenyHasNone()
    {
        Assert.Equal(["mcp:read", "mcp:write", "mcp:destructive"], GatewayScopes.All);
        Assert.Equal(GatewayScopes.All, new[] { PermissionLevel.Read, PermissionLevel.Write, PermissionLevel.Destructive }.Select(l => GatewayScopes.ScopeFor(l)!));
        Assert.Null(GatewayScopes.ScopeFor(PermissionLevel.Deny));
    }

    [Theory]
    [InlineData("read", PermissionLevel.Read)]
    [InlineData("write", PermissionLevel.Write)]
    [InlineData("destructive", PermissionLevel.Destructive)]
    [InlineData("deny", PermissionLevel.Deny)]
    public void PermissionLevelNames_RoundTrip(string name, PermissionLevel level)
    {
        Assert.True(PermissionLevelNames.TryParse(name, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(name, PermissionLevelNames.Name(level));
    }

    [Theory]
    [InlineData("Read")]
    [InlineData("admin")]
    [InlineData(null)]
    public void PermissionLevelNames_Unknown_Refused(string? name) => Assert.False(PermissionLevelNames.TryParse(name, out _));
}
