using Mandate.Core.OAuth.Authorize;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Authorize;

public sealed class AuthorizeResponseUrlTests
{
    private const string Issuer = "https://as.example.com";

    [Fact]
    public void Success_AppendsCodeStateAndIss()
    {
        Assert.Equal(
            "https://app.example.com/cb?code=abc&state=xyz&iss=https%3A%2F%2Fas.example.com",
            AuthorizeResponseUrl.Success("https://app.example.com/cb", "abc", "xyz", Issuer));
    }

    [Fact]
    public void Success_RedirectWithQuery_KeepsItAndContinuesWithAmpersand()
    {
        Assert.Equal(
            "https://app.example.com/cb?tenant=a&code=abc&iss=https%3A%2F%2Fas.example.com",
            AuthorizeResponseUrl.Success("https://app.example.com/cb?tenant=a", "abc", null, Issuer));
    }

    [Fact]
    public void Success_NoState_StillHasIss()
    {
        var url = AuthorizeResponseUrl.Success("https://app.example.com/cb", "abc", null, Issuer);

        Assert.DoesNotContain("state=", url, StringComparison.Ordinal);
        Assert.EndsWith("&iss=https%3A%2F%2Fas.example.com", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_EscapesEveryValue()
    {
        var url = AuthorizeResponseUrl.Failure("https://app.example.com/cb", OAuthError.InvalidRequest("a b&c=d"), "s t&u", Issuer);

        Assert.Equal(
            "https://app.example.com/cb?error=invalid_request&error_description=a%20b%26c%3Dd&state=s%20t%26u&iss=https%3A%2F%2Fas.example.com",
            url);
    }

    [Fact]
    public void Failure_NoDescription_OmitsIt()
    {
        var url = AuthorizeResponseUrl.Failure("https://app.example.com/cb", OAuthError.AccessDenied(), null, Issuer);

        Assert.Equal("https://app.example.com/cb?error=access_denied&iss=https%3A%2F%2Fas.example.com", url);
    }
}
