using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Pages;

public sealed class LoginPageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task LoginPage_HasLabelledFieldsAndSignInButton()
    {
        using var browser = new BrowserSession();

        var response = await browser.Http.GetAsync(fixture.Issuer + "/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"username\">Username</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"username\" name=\"Username\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"password\" name=\"Password\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in</button>", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice", "wrong password here")]
    [InlineData("nobody", MandateTestServer.Password)]
    public async Task WrongCredentials_Are401_WithOneGenericMessage(string username, string password)
    {
        using var browser = new BrowserSession();

        var response = await BrowserSteps.SignInAsync(browser, fixture.Issuer, username, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The username or password is incorrect.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(fixture.Issuer)), c => c.Name == "mandate-session");
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_Is400()
    {
        using var browser = new BrowserSession();
        await browser.Http.GetAsync(fixture.Issuer + "/login");

        var response = await browser.Http.PostAsync(fixture.Issuer + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "alice",
            ["Password"] = MandateTestServer.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(fixture.Issuer)), c => c.Name == "mandate-session");
    }

    [Theory]
    [InlineData("//evil.example", "/connected-apps")]
    [InlineData("/\\evil.example", "/connected-apps")]
    [InlineData("https://evil.example/steal", "/connected-apps")]
    [InlineData("evil.example", "/connected-apps")]
    [InlineData("", "/connected-apps")]
    [InlineData("/authorize?client_id=x", "/authorize?client_id=x")]
    public async Task ReturnUrl_OnlyLocalPaths(string returnUrl, string expected)
    {
        using var browser = new BrowserSession();

        var response = await BrowserSteps.SignInAsync(browser, fixture.Issuer, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Contains(browser.Cookies.GetCookies(new Uri(fixture.Issuer)), c => c.Name == "mandate-session" && c.HttpOnly);
    }
}
