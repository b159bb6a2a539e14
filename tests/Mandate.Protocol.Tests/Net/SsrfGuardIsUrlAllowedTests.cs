using Mandate.Protocol.Net;

namespace Mandate.Protocol.Tests.Net;

public class SsrfGuardIsUrlAllowedTests
{
    private static readonly SsrfPolicy Default = new();
    private static readonly SsrfPolicy LocalDev = new() { AllowLoopback = true, RequireHttps = false };

    [Theory]
    [InlineData("https://example.com/.well-known/oauth-client")]
    [InlineData("https://example.com:8443/jwks.json?x=1")]
    [InlineData("https://8.8.8.8/doc")]
    public void IsUrlAllowed_PublicHttps_ReturnsTrue(string url)
    {
        Assert.True(SsrfGuard.IsUrlAllowed(new Uri(url), Default, out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void IsUrlAllowed_HttpUnderDefaultPolicy_ReturnsFalse()
    {
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri("http://example.com/doc"), Default, out var reason));
        Assert.Equal("https required", reason);
    }

    [Fact]
    public void IsUrlAllowed_HttpWithoutRequireHttpsButNoLoopback_ReturnsFalse()
    {
        var policy = new SsrfPolicy { RequireHttps = false };
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri("http://localhost/doc"), policy, out _));
    }

    [Fact]
    public void IsUrlAllowed_HttpLoopbackLiteralUnderLocalDev_ReturnsTrue()
    {
        Assert.True(SsrfGuard.IsUrlAllowed(new Uri("http://127.0.0.1:5000/doc"), LocalDev, out var reason), reason);
    }

    [Fact]
    public void IsUrlAllowed_HttpNonLoopbackLiteralUnderLocalDev_ReturnsFalse()
    {
        var policy = LocalDev with { AllowPrivateNetworks = true };
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri("http://10.0.0.1/doc"), policy, out var reason));
        Assert.Equal("http only allowed to loopback", reason);
    }

    [Theory]
    [InlineData("https://user@example.com/doc", "userinfo not allowed")]
    [InlineData("https://user:pw@example.com/doc", "userinfo not allowed")]
    [InlineData("https://example.com/doc#frag", "fragment not allowed")]
    [InlineData("https://example.com/doc#", "fragment not allowed")]
    [InlineData("ftp://example.com/doc", "https required")]
    [InlineData("file:///etc/passwd", "https required")]
    public void IsUrlAllowed_ForbiddenSyntax_ReturnsFalseWithReason(string url, string expected)
    {
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri(url), Default, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void IsUrlAllowed_RelativeUri_ReturnsFalse()
    {
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri("/doc", UriKind.Relative), Default, out var reason));
        Assert.NotNull(reason);
    }

    [Theory]
    [InlineData("https://127.0.0.1/doc", "loopback address")]
    [InlineData("https://[::1]/doc", "loopback address")]
    [InlineData("https://10.0.0.1/doc", "private address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private address")]
    [InlineData("https://[::ffff:192.168.0.1]/doc", "private address")]
    public void IsUrlAllowed_NonPublicIpLiteral_ReturnsFalse(string url, string expected)
    {
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri(url), Default, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void IsUrlAllowed_PrivateLiteralWithAllowPrivateNetworks_ReturnsTrue()
    {
        var policy = new SsrfPolicy { AllowPrivateNetworks = true };
        Assert.True(SsrfGuard.IsUrlAllowed(new Uri("https://192.168.1.10/doc"), policy, out _));
    }

    [Fact]
    public void IsUrlAllowed_LinkLocalEvenWithEverythingAllowed_ReturnsFalse()
    {
        var policy = new SsrfPolicy { AllowPrivateNetworks = true, AllowLoopback = true };
        Assert.False(SsrfGuard.IsUrlAllowed(new Uri("https://169.254.169.254/"), policy, out _));
    }

    [Fact]
    public void SsrfPolicy_Defaults_AreSecure()
    {
        var policy = new SsrfPolicy();
        Assert.False(policy.AllowLoopback);
        Assert.False(policy.AllowPrivateNetworks);
        Assert.True(policy.RequireHttps);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Timeout);
        Assert.Equal(64 * 1024, policy.MaxResponseBytes);
    }
}
