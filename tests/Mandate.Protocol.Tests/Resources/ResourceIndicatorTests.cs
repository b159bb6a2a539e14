using Mandate.Protocol.Resources;

namespace Mandate.Protocol.Tests.Resources;

public class ResourceIndicatorTests
{
    [Theory]
    [InlineData("https://mcp.example.com/mcp", "https://mcp.example.com/mcp")]
    [InlineData("https://MCP.example.com/mcp/", "https://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com:443/mcp", "https://mcp.example.com/mcp")]
    [InlineData("HTTPS://Mcp.Example.COM:443/mcp/", "https://mcp.example.com/mcp")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("http://example.com:80/api", "http://example.com/api")]
    [InlineData("http://example.com:443/api", "http://example.com:443/api")]
    [InlineData("https://example.com:80/api", "https://example.com:80/api")]
    [InlineData("https://example.com:8443/API/V1/", "https://example.com:8443/API/V1")]
    [InlineData("https://example.com/mcp?Tenant=A", "https://example.com/mcp?Tenant=A")]
    [InlineData("https://example.com/mcp/?Tenant=A", "https://example.com/mcp?Tenant=A")]
    [InlineData("https://example.com/mcp//", "https://example.com/mcp/")]
    [InlineData("https://example.com/Mc%2Fp", "https://example.com/Mc%2Fp")]
    [InlineData("http://127.0.0.1:8080/mcp", "http://127.0.0.1:8080/mcp")]
    [InlineData("http://[::1]:8080/mcp", "http://[::1]:8080/mcp")]
    [InlineData("https://[2001:DB8::1]/mcp", "https://[2001:db8::1]/mcp")]
    public void TryCanonicalize_ValidUri_ReturnsCanonicalForm(string input, string expected)
    {
        Assert.True(ResourceIndicator.TryCanonicalize(input, out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mcp.example.com/mcp")]
    [InlineData("/mcp")]
    [InlineData("https://mcp.example.com/mcp#frag")]
    [InlineData("https://mcp.example.com/mcp#")]
    [InlineData("https://user@mcp.example.com/mcp")]
    [InlineData("https://user:pw@mcp.example.com/mcp")]
    [InlineData("ftp://mcp.example.com/mcp")]
    [InlineData("urn:example:mcp")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https:///mcp")]
    [InlineData("https://mcp.example.com:99999/mcp")]
    [InlineData(" https://mcp.example.com/mcp")]
    public void TryCanonicalize_InvalidValue_ReturnsFalseWithEmptyOutput(string? input)
    {
        Assert.False(ResourceIndicator.TryCanonicalize(input, out var canonical));
        Assert.Equal(string.Empty, canonical);
    }

    [Theory]
    [InlineData("https://MCP.example.com/mcp/", "https://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com:443/mcp", "https://mcp.example.com/mcp/")]
    [InlineData("https://example.com/", "https://example.com")]
    public void AreEquivalent_SameResource_ReturnsTrue(string a, string b)
    {
        Assert.True(ResourceIndicator.AreEquivalent(a, b));
    }

    [Theory]
    [InlineData("https://mcp.example.com/mcp", "https://mcp.example.com/MCP")]
    [InlineData("https://mcp.example.com/mcp", "http://mcp.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp", "https://mcp.example.com:8443/mcp")]
    [InlineData("https://mcp.example.com/mcp", "https://mcp.example.com/mcp?x=1")]
    [InlineData("https://mcp.example.com/mcp", "https://other.example.com/mcp")]
    [InlineData("https://mcp.example.com/mcp#a", "https://mcp.example.com/mcp#a")]
    [InlineData("not a uri", "not a uri")]
    public void AreEquivalent_DifferentOrInvalid_ReturnsFalse(string a, string b)
    {
        Assert.False(ResourceIndicator.AreEquivalent(a, b));
    }
}
