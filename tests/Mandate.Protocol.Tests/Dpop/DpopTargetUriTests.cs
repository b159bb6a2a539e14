using Mandate.Protocol.Dpop;

namespace Mandate.Protocol.Tests.Dpop;

public class DpopTargetUriTests
{
    [Theory]
    [InlineData("https://example.com/token", "https://example.com/token")]
    [InlineData("HTTPS://EXAMPLE.com/token", "https://example.com/token")]
    [InlineData("https://example.com:443/token", "https://example.com/token")]
    [InlineData("http://example.com:80/token", "http://example.com/token")]
    [InlineData("http://example.com:443/token", "http://example.com:443/token")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/a/./b/../c", "https://example.com/a/c")]
    [InlineData("https://example.com/%7Euser/%2f", "https://example.com/~user/%2F")]
    [InlineData("https://example.com/Token", "https://example.com/Token")]
    [InlineData("https://example.com/token?x=1#y", "https://example.com/token")]
    [InlineData("http://127.0.0.1:5080/mcp/demo", "http://127.0.0.1:5080/mcp/demo")]
    [InlineData("http://[::1]:5080/mcp", "http://[::1]:5080/mcp")]
    public void TryNormalize_AppliesSyntaxAndSchemeNormalisation(string input, string expected)
    {
        Assert.True(DpopTargetUri.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/token")]
    [InlineData("ftp://example.com/token")]
    [InlineData("https://user:pw@example.com/token")]
    [InlineData("https://example.com/to ken")]
    [InlineData("https://example.com/%zz")]
    [InlineData("https://example.com:99999/token")]
    [InlineData("https:///token")]
    public void TryNormalize_RefusesWhatIsNotAnHttpTargetUri(string? input)
    {
        Assert.False(DpopTargetUri.TryNormalize(input, out var normalized));
        Assert.Empty(normalized);
    }

    [Fact]
    public void Matches_PathCaseMatters() =>
        Assert.False(DpopTargetUri.Matches("https://example.com/Token", "https://example.com/token"));

    [Fact]
    public void StripQueryAndFragment_KeepsTheRestAsWritten() =>
        Assert.Equal("HTTPS://Example.com:443/a", DpopTargetUri.StripQueryAndFragment("HTTPS://Example.com:443/a?b#c"));
}
