using Mandate.Core.Clients;
using Mandate.Core.OAuth;
using Mandate.Core.Resources;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth;

public sealed class ScopeRulesTests
{
    private static readonly ProtectedResource Resource = new() { Uri = "https://mcp.example.com/mcp", Name = "MCP", Scopes = ["tools.read", "tools.call", "admin"] };

    [Fact]
    public void Resolve_NoneRequested_ClientWithoutList_GetsEveryResourceScope()
    {
        var result = ScopeRules.Resolve(null, Client(), Resource);

        Assert.Null(result.Error);
        Assert.Equal(["tools.read", "tools.call", "admin"], result.Scopes);
    }

    [Fact]
    public void Resolve_NoneRequested_ClientWithList_GetsTheIntersection()
    {
        var result = ScopeRules.Resolve(string.Empty, Client("tools.read", "other"), Resource);

        Assert.Equal(["tools.read"], result.Scopes);
    }

    [Fact]
    public void Resolve_RequestedSubset_ReturnedAsRequested()
    {
        Assert.Equal(["tools.call", "tools.read"], ScopeRules.Resolve("tools.call tools.read", Client(), Resource).Scopes);
    }

    [Fact]
    public void Resolve_ScopeTheResourceDoesNotOffer_InvalidScope()
    {
        var result = ScopeRules.Resolve("tools.read mail.send", Client(), Resource);

        Assert.Equal(OAuthErrorCodes.InvalidScope, result.Error!.Error);
        Assert.Contains("mail.send", result.Error.Description, StringComparison.Ordinal);
        Assert.Empty(result.Scopes);
    }

    [Fact]
    public void Resolve_ScopeTheClientMayNotHave_InvalidScope()
    {
        var result = ScopeRules.Resolve("admin", Client("tools.read"), Resource);

        Assert.Equal(OAuthErrorCodes.InvalidScope, result.Error!.Error);
    }

    [Theory]
    [InlineData(ClientSource.Dynamic)]
    [InlineData(ClientSource.MetadataDocument)]
    public void Resolve_SelfDescribedClient_MayAskBeyondItsOwnScope_ForAStepUp(ClientSource source)
    {
        var client = Client("tools.read") with { Source = source };

        Assert.Equal(["tools.read", "admin"], ScopeRules.Resolve("tools.read admin", client, Resource).Scopes);
        Assert.Equal(["tools.read"], ScopeRules.Resolve(null, client, Resource).Scopes);
        Assert.Equal(OAuthErrorCodes.InvalidScope, ScopeRules.Resolve("mail.send", client, Resource).Error!.Error);
    }

    [Fact]
    public void Resolve_Malformed_InvalidScope()
    {
        Assert.Equal(OAuthErrorCodes.InvalidScope, ScopeRules.Resolve("bad\"scope", Client(), Resource).Error!.Error);
    }

    [Fact]
    public void Narrow_Subset_Accepted()
    {
        Assert.Equal(["a"], ScopeRules.Narrow("a", ["a", "b"]).Scopes);
    }

    [Fact]
    public void Narrow_NoneRequested_KeepsTheGrant()
    {
        Assert.Equal(["a", "b"], ScopeRules.Narrow(null, ["a", "b"]).Scopes);
    }

    [Fact]
    public void Narrow_Wider_InvalidScope()
    {
        var result = ScopeRules.Narrow("a c", ["a", "b"]);

        Assert.Equal(OAuthErrorCodes.InvalidScope, result.Error!.Error);
        Assert.Empty(result.Scopes);
    }

    private static OAuthClient Client(params string[] scopes) => new() { ClientId = "c", Name = "c", Scopes = scopes };
}
