using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;

namespace Mandate.Core.Tests.Gateway.Authorization;

/// <summary>The scope set a 403 step-up names: every scope up to the level the call needs.</summary>
public sealed class GatewayAuthorizerTests
{
    [Theory]
    [InlineData(PermissionLevel.Read, "mcp:read")]
    [InlineData(PermissionLevel.Write, "mcp:read mcp:write")]
    [InlineData(PermissionLevel.Destructive, "mcp:read mcp:write mcp:destructive")]
    [InlineData(PermissionLevel.Deny, "")]
    public void ScopesFor_IsTheFullSetUpToTheLevel(PermissionLevel level, string expected) =>
        Assert.Equal(expected, GatewayAuthorizer.ScopesFor(level));
}
