using Mandate.Protocol.OAuth;

namespace Mandate.Protocol.Tests.OAuth;

public class ScopeParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_NullOrEmpty_ReturnsTrueWithEmptyList(string? scope)
    {
        Assert.True(ScopeParser.TryParse(scope, out var scopes));
        Assert.Empty(scopes);
    }

    [Fact]
    public void TryParse_SpaceDelimited_ReturnsTokensInOrder()
    {
        Assert.True(ScopeParser.TryParse("openid mcp:read mcp:write", out var scopes));
        Assert.Equal(["openid", "mcp:read", "mcp:write"], scopes);
    }

    [Fact]
    public void TryParse_RunsOfSpacesAndEdges_AreTolerated()
    {
        Assert.True(ScopeParser.TryParse("  a   b ", out var scopes));
        Assert.Equal(["a", "b"], scopes);
    }

    [Fact]
    public void TryParse_Duplicates_KeepsFirstSeenOrder()
    {
        Assert.True(ScopeParser.TryParse("b a b c a", out var scopes));
        Assert.Equal(["b", "a", "c"], scopes);
    }

    [Fact]
    public void TryParse_CaseDiffers_TokensAreDistinct()
    {
        Assert.True(ScopeParser.TryParse("Read read", out var scopes));
        Assert.Equal(["Read", "read"], scopes);
    }

    [Fact]
    public void TryParse_AllAllowedPunctuation_ReturnsTrue()
    {
        Assert.True(ScopeParser.TryParse("!#$%&'()*+,-./:;<=>?@[]^_`{|}~", out var scopes));
        Assert.Single(scopes);
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("caf\u00e9")]
    [InlineData("ok bad\u007f")]
    [InlineData("   ")]
    public void TryParse_InvalidInput_ReturnsFalseWithEmptyList(string scope)
    {
        Assert.False(ScopeParser.TryParse(scope, out var scopes));
        Assert.Empty(scopes);
    }

    [Fact]
    public void Join_Tokens_UsesSingleSpaces()
    {
        Assert.Equal("openid mcp:read", ScopeParser.Join(["openid", "mcp:read"]));
    }

    [Fact]
    public void Join_Empty_ReturnsEmptyString()
    {
        Assert.Equal(string.Empty, ScopeParser.Join([]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a\"")]
    public void Join_InvalidToken_Throws(string token)
    {
        Assert.Throws<ArgumentException>(() => ScopeParser.Join(["ok", token]));
    }

    [Fact]
    public void Join_ThenTryParse_RoundTrips()
    {
        string[] original = ["x", "y:z", "w/v"];
        Assert.True(ScopeParser.TryParse(ScopeParser.Join(original), out var parsed));
        Assert.Equal(original, parsed);
    }
}
