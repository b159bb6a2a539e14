using Mandate.Core.OAuth.Exchange;

namespace Mandate.Core.Tests.OAuth.Exchange;

public sealed class ScopeNarrowingTests
{
    [Theory]
    [InlineData("tools.read tools.call", "tools.read", null)]
    [InlineData("tools.read", "tools.read tools.call", "tools.call")]
    [InlineData("mcp:destructive", "mcp:read mcp:write", null)]
    [InlineData("mcp:write", "mcp:destructive", "mcp:destructive")]
    [InlineData("mcp:read", "mcp:write", "mcp:write")]
    [InlineData("mcp:write", "tools.read", "tools.read")]
    [InlineData("", "mcp:read", "mcp:read")]
    public void FirstUncovered_HonoursGatewayScopeImplication(string granted, string requested, string? uncovered) =>
        Assert.Equal(uncovered, ScopeNarrowing.FirstUncovered(Split(granted), Split(requested)));

    private static string[] Split(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
