using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Pages;

/// <summary>Behind a trusted proxy, throttling counts the forwarded client address, not the proxy's.</summary>
public sealed class TrustedProxyTests
{
    private static Dictionary<string, string?> Settings(bool trustProxy)
    {
        var settings = new Dictionary<string, string?> { ["Login:MaxFailures"] = "1" };
        if (trustProxy)
        {
            settings["Proxy:KnownProxies:0"] = "127.0.0.1";
        }

        return settings;
    }

    [Theory]
    [InlineData(true, HttpStatusCode.Redirect)]
    [InlineData(false, (HttpStatusCode)429)]
    public async Task AnAddressLockedOut_DoesNotLockOutAnotherForwardedAddress_OnlyWhenTheProxyIsTrusted(bool trustProxy, HttpStatusCode expected)
    {
        await using var server = await MandateTestServer.StartAsync(Settings(trustProxy));
        await server.AddUserAsync("dave");

        // Four failures (four usernames) from one address reach the per-address limit (4 x MaxFailures).
        for (var i = 0; i < 4; i++)
        {
            using var attacker = new BrowserSession();
            attacker.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
            await BrowserSteps.SignInAsync(attacker, server.Issuer, "nobody" + i, "wrong password " + i);
        }

        using var person = new BrowserSession();
        person.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        var response = await BrowserSteps.SignInAsync(person, server.Issuer, "dave", MandateTestServer.Password);

        Assert.Equal(expected, response.StatusCode);
    }
}
