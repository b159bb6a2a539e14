using Mandate.Core.Gateway.Http;

namespace Mandate.Core.Tests.Gateway.Http;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/repos/**", "/repos", true)]
    [InlineData("/repos/**", "/repos/a/b/c", true)]
    [InlineData("/repos/**", "/repository", false)]
    [InlineData("/repos/*/issues", "/repos/a/issues", true)]
    [InlineData("/repos/*/issues", "/repos/a/b/issues", false)]
    [InlineData("/repos/*/issues", "/repos/issues", false)]
    [InlineData("/user", "/user", true)]
    [InlineData("/user", "/user/", true)]
    [InlineData("/user", "/User", false)]
    [InlineData("/user", "/user/x", false)]
    [InlineData("/**", "/", true)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/a", false)]
    [InlineData("/a%20b/*", "/a%20b/c", true)]
    [InlineData("/a b/*", "/a%20b/c", true)]
    [InlineData("/admin/**", "//admin//x", true)]
    public void Matches(string pattern, string path, bool matches)
    {
        var parsed = PathPattern.Parse(pattern, out var error);
        Assert.Null(error);

        Assert.Equal(matches, parsed!.Matches(HttpPath.Parse(path, out _)!));
    }

    [Theory]
    [InlineData("repos")]
    [InlineData("")]
    [InlineData("/a/**/b")]
    [InlineData("/a*/b")]
    [InlineData("/a/../b")]
    [InlineData("/a/%2e%2e")]
    public void Parse_RefusesWhatCouldNeverMatchOrIsAmbiguous(string pattern)
    {
        Assert.Null(PathPattern.Parse(pattern, out var error));
        Assert.StartsWith("--path", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsCanonical()
    {
        Assert.Equal("/repos/*/a%20b/**", PathPattern.Parse("//repos/*/a b//**", out _)!.Text);
    }
}
