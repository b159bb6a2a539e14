using Mandate.Core.Gateway.Http;

namespace Mandate.Core.Tests.Gateway.Http;

public sealed class HttpPathTests
{
    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/repos/a/b", "/repos/a/b")]
    [InlineData("//repos///a//b", "/repos/a/b")]
    [InlineData("/repos/a/", "/repos/a/")]
    [InlineData("/repos/%61%62", "/repos/ab")]
    [InlineData("/a%20b/c", "/a%20b/c")]
    [InlineData("/caf%C3%A9", "/caf%C3%A9")]
    [InlineData("/x:y@z;v=1", "/x:y@z;v=1")]
    [InlineData("/a%2a", "/a*")]
    public void Parse_NormalisesToOneCanonicalEncoding(string raw, string encoded)
    {
        var path = HttpPath.Parse(raw, out var error);

        Assert.Null(error);
        Assert.Equal(encoded, path!.Encoded);
    }

    [Fact]
    public void Parse_DecodesEachSegmentExactlyOnce()
    {
        var path = HttpPath.Parse("/repos/%E2%9C%93/x%3Fy", out _)!;

        Assert.Equal(["repos", "\u2713", "x?y"], path.Segments);
    }

    [Theory]
    [InlineData("/a/../admin")]
    [InlineData("/a/./b")]
    [InlineData("/a/%2e%2e/admin")]
    [InlineData("/a/%2E%2e/admin")]
    [InlineData("/a/.%2e/admin")]
    [InlineData("/a/%2e/b")]
    [InlineData("/a/..;/admin")]
    [InlineData("/a/..;jsessionid=1/admin")]
    [InlineData("/a%2F..%2Fadmin")]
    [InlineData("/a%2fb")]
    [InlineData("/a%5C..%5Cadmin")]
    [InlineData("/a\\b")]
    [InlineData("/a/%252e%252e/admin")]
    [InlineData("/a/%252F")]
    [InlineData("/a/%00")]
    [InlineData("/a/%0d%0aX-Injected:1")]
    [InlineData("/a/%zz")]
    [InlineData("/a/%4")]
    [InlineData("/a/%C3%28")]
    [InlineData("/a/%FF")]
    [InlineData("relative")]
    public void Parse_RefusesTricks(string raw)
    {
        Assert.Null(HttpPath.Parse(raw, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Skip_DropsThePrefix_AndKeepsTheTrailingSlash()
    {
        var path = HttpPath.Parse("/http/gh/repos/", out _)!;

        Assert.Equal("/repos/", path.Skip(2).Encoded);
        Assert.Equal("/", HttpPath.Parse("/http/gh/", out _)!.Skip(2).Encoded);
    }
}
