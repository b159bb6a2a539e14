using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Pages;

/// <summary>After Login:MaxFailures failures a username is locked out, even for the right password; others are not.</summary>
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private MandateTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Login:MaxFailures"] = "3" });
        await server.AddUserAsync("bob");
        await server.AddUserAsync("carol");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task FourthAttempt_Is429_EvenWithTheRightPassword_ButOtherUsersStillSignIn()
    {
        using var browser = new BrowserSession();
        for (var i = 0; i < 3; i++)
        {
            var failed = await BrowserSteps.SignInAsync(browser, server.Issuer, "bob", "not the password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await BrowserSteps.SignInAsync(browser, server.Issuer, "bob", MandateTestServer.Password);
        using var otherBrowser = new BrowserSession();
        var other = await BrowserSteps.SignInAsync(otherBrowser, server.Issuer, "carol", MandateTestServer.Password);

        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Contains("Too many failed sign-in attempts", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(server.Issuer)), c => c.Name == "mandate-session");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }
}
