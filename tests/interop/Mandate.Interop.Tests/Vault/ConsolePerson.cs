using System.Net;
using System.Text.RegularExpressions;
using Mandate.Testing;

namespace Mandate.Interop.Tests.Vault;

/// <summary>A person in the console, through a cookie jar: signs in, opens the Connections page, presses its buttons.</summary>
public sealed partial class ConsolePerson(string issuer) : IDisposable
{
    public BrowserSession Browser { get; } = new();

    public string ConnectionsUrl => issuer + "/connections";

    /// <summary>Every page body this person was shown.</summary>
    public List<string> Bodies { get; } = [];

    public async Task SignInAsync(string username)
    {
        var page = await Browser.Http.GetAsync(issuer + "/login");
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No login form.");
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { ["Username"] = username, ["Password"] = MandateTestServer.Password };
        var posted = await Browser.Http.PostAsync(issuer + "/login", new FormUrlEncodedContent(fields));
        Assert.True(BrowserSession.IsRedirect(posted), "sign-in did not redirect: " + posted.StatusCode);
    }

    public async Task<string> PageAsync()
    {
        var response = await Browser.Http.GetAsync(ConnectionsUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Bodies.Add(body);
        return body;
    }

    /// <summary>Posts one of the page's buttons (handler Connect, Disconnect, ApiKey) for a connector, with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PressAsync(string handler, string connector, params (string Name, string Value)[] extra)
    {
        var html = await PageAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["connector"] = connector };
        foreach (var (name, value) in extra)
        {
            fields[name] = value;
        }

        var response = await Browser.Http.PostAsync(ConnectionsUrl + "?handler=" + handler, new FormUrlEncodedContent(fields));
        await response.Content.LoadIntoBufferAsync();
        Bodies.Add(await response.Content.ReadAsStringAsync());
        return response;
    }

    /// <summary>Follows the browser's redirects from <paramref name="start"/> until one points at <paramref name="stopPrefix"/>; returns that URL.</summary>
    public async Task<Uri> FollowUntilAsync(Uri start, string stopPrefix)
    {
        var url = start;
        for (var hop = 0; hop < 15; hop++)
        {
            if (url.AbsoluteUri.StartsWith(stopPrefix, StringComparison.Ordinal))
            {
                return url;
            }

            var response = await Browser.Http.GetAsync(url);
            Assert.True(BrowserSession.IsRedirect(response), $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            url = new Uri(url, response.Headers.Location!);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
