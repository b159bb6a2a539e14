using Mandate.Testing;

namespace Mandate.Server.Tests.Support;

/// <summary>Single steps a person takes, for tests that look at the pages themselves rather than walking past them.</summary>
public static class BrowserSteps
{
    /// <summary>Follows redirects within the server until a page (or a redirect elsewhere) is reached.</summary>
    public static async Task<(HttpResponseMessage Response, Uri Url)> OpenAsync(BrowserSession browser, string url, string serverBase)
    {
        var current = new Uri(url);
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await browser.Http.GetAsync(current);
            if (!BrowserSession.IsRedirect(response))
            {
                return (response, current);
            }

            var next = new Uri(current, response.Headers.Location!);
            if (!next.AbsoluteUri.StartsWith(serverBase, StringComparison.Ordinal))
            {
                return (response, current);
            }

            current = next;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    /// <summary>Signs in on /login directly; returns the answer to the POST.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(BrowserSession browser, string serverBase, string username = "alice", string password = MandateTestServer.Password, string? returnUrl = null)
    {
        var page = await browser.Http.GetAsync(serverBase + "/login");
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No login form.");
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal)
        {
            ["Username"] = username,
            ["Password"] = password,
        };
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await browser.Http.PostAsync(serverBase + "/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>Submits the page's first form with extra or replaced fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(BrowserSession browser, Uri pageUrl, string html, params (string Name, string Value)[] fields)
    {
        var form = HtmlForm.Parse(html) ?? throw new InvalidOperationException("No form on " + pageUrl);
        var values = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var target = form.Action is null or "" ? pageUrl : new Uri(pageUrl, form.Action);
        return await browser.Http.PostAsync(target, new FormUrlEncodedContent(values));
    }
}
