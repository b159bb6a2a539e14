using Mandate.Protocol.Redirects;

namespace Mandate.Protocol.Tests.Redirects;

public class RedirectUrisMatchesTests
{
    [Theory]
    [InlineData("https://app.example.com/cb")]
    [InlineData("com.example.app:/oauth2redirect")]
    [InlineData("http://127.0.0.1:8080/cb?x=1")]
    public void Matches_IdenticalStrings_ReturnsTrue(string uri)
    {
        Assert.True(RedirectUris.Matches(uri, uri));
    }

    [Theory]
    [InlineData("https://app.example.com/cb", "https://app.example.com/CB")]
    [InlineData("https://app.example.com/cb", "https://APP.example.com/cb")]
    [InlineData("https://app.example.com/cb", "https://app.example.com/cb/")]
    [InlineData("https://app.example.com/cb", "https://app.example.com:443/cb")]
    [InlineData("https://app.example.com/cb?a=1", "https://app.example.com/cb?a=2")]
    [InlineData("https://app.example.com/cb?a=b", "https://app.example.com/cb?a=B")]
    [InlineData("https://app.example.com/cb", "https://app.example.com/cb?x=1")]
    [InlineData("https://app.example.com/cb", "https://app.example.com/c%62")]
    [InlineData("https://app.example.com:8443/cb", "https://app.example.com:9443/cb")]
    public void Matches_NonLoopbackDifference_ReturnsFalse(string registered, string requested)
    {
        Assert.False(RedirectUris.Matches(registered, requested));
    }

    [Theory]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb")]
    [InlineData("http://127.0.0.1:8080/cb", "http://127.0.0.1:51234/cb")]
    [InlineData("http://[::1]/cb", "http://[::1]:51234/cb")]
    [InlineData("http://localhost:3000/cb?x=1", "http://localhost:4000/cb?x=1")]
    public void Matches_LoopbackWithDifferentPort_ReturnsTrue(string registered, string requested)
    {
        Assert.True(RedirectUris.Matches(registered, requested));
    }

    [Theory]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:5000/other")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:5000/CB")]
    [InlineData("http://127.0.0.1/cb?a=1", "http://127.0.0.1:5000/cb?a=2")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb?a=1")]
    [InlineData("http://127.0.0.1/cb", "http://localhost:5000/cb")]
    [InlineData("http://localhost/cb", "http://[::1]:5000/cb")]
    [InlineData("http://127.0.0.1/cb", "https://127.0.0.1:5000/cb")]
    [InlineData("https://127.0.0.1/cb", "https://127.0.0.1:5000/cb")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.2:5000/cb")]
    [InlineData("http://example.com/cb", "http://example.com:5000/cb")]
    [InlineData("http://127.0.0.1/cb", "http://user@127.0.0.1:5000/cb")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:99999/cb")]
    [InlineData("http://127.0.0.1/cb", "HTTP://127.0.0.1:5000/cb")]
    public void Matches_LoopbackWithOtherDifference_ReturnsFalse(string registered, string requested)
    {
        Assert.False(RedirectUris.Matches(registered, requested));
    }

    [Theory]
    [InlineData("https://app.example.com/cb#frag")]
    [InlineData("https://app.example.com/cb#")]
    public void Matches_RequestedHasFragmentEvenIfIdentical_ReturnsFalse(string uri)
    {
        Assert.False(RedirectUris.Matches(uri, uri));
    }

    [Fact]
    public void Matches_LoopbackRequestedHasFragment_ReturnsFalse()
    {
        Assert.False(RedirectUris.Matches("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb#x"));
    }
}
