using Mandate.Protocol.Redirects;

namespace Mandate.Protocol.Tests.Redirects;

public class RedirectUrisValidateTests
{
    [Theory]
    [InlineData("https://app.example.com/cb")]
    [InlineData("https://app.example.com:8443/cb?x=1")]
    [InlineData("http://127.0.0.1/cb")]
    [InlineData("http://127.0.0.1:8080/cb")]
    [InlineData("http://[::1]:8080/cb")]
    [InlineData("http://localhost:3000/callback")]
    [InlineData("com.example.app:/oauth2redirect/example-provider")]
    [InlineData("com.example.app://cb")]
    public void Validate_AcceptableUri_IsValid(string uri)
    {
        var check = RedirectUris.Validate(uri);
        Assert.True(check.IsValid, check.Error);
        Assert.Null(check.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/cb")]
    [InlineData("cb")]
    [InlineData("//app.example.com/cb")]
    public void Validate_NotAbsolute_IsInvalid(string uri)
    {
        AssertInvalid(uri);
    }

    [Theory]
    [InlineData("https://app.example.com/cb#x")]
    [InlineData("https://app.example.com/cb#")]
    [InlineData("com.example.app:/cb#x")]
    public void Validate_Fragment_IsInvalidMentioningFragment(string uri)
    {
        var error = AssertInvalid(uri);
        Assert.Contains("fragment", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user@app.example.com/cb")]
    [InlineData("https://user:pw@app.example.com/cb")]
    [InlineData("http://user@127.0.0.1/cb")]
    public void Validate_UserInfo_IsInvalidMentioningUserInformation(string uri)
    {
        var error = AssertInvalid(uri);
        Assert.Contains("user information", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://app.example.com/cb")]
    [InlineData("http://10.0.0.1/cb")]
    [InlineData("http://127.0.0.2/cb")]
    [InlineData("http://localhost.evil.com/cb")]
    [InlineData("http://127.0.0.1.evil.com/cb")]
    public void Validate_HttpNonLoopback_IsInvalid(string uri)
    {
        AssertInvalid(uri);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("file:///etc/passwd")]
    [InlineData("vbscript:msgbox")]
    [InlineData("about:blank")]
    [InlineData("ftp://example.com/cb")]
    [InlineData("myapp:/cb")]
    [InlineData("myapp://cb")]
    public void Validate_DisallowedScheme_IsInvalid(string uri)
    {
        AssertInvalid(uri);
    }

    [Theory]
    [InlineData(" https://app.example.com/cb")]
    [InlineData("https://app.example.com/cb ")]
    [InlineData("https://app.example.com/c b")]
    [InlineData("https://app.example.com/cb\n")]
    public void Validate_WhitespaceOrControl_IsInvalid(string uri)
    {
        AssertInvalid(uri);
    }

    [Theory]
    [InlineData("https:///cb")]
    [InlineData("https:/cb")]
    [InlineData("https://app.example.com:99999/cb")]
    [InlineData("http://127.0.0.1:abc/cb")]
    public void Validate_MissingHostOrBadPort_IsInvalid(string uri)
    {
        AssertInvalid(uri);
    }

    private static string AssertInvalid(string uri)
    {
        var check = RedirectUris.Validate(uri);
        Assert.False(check.IsValid);
        Assert.False(string.IsNullOrEmpty(check.Error));
        return check.Error!;
    }
}
