using System.Net;

namespace Mandate.Testing;

/// <summary>
/// A person with a browser, minus the browser: a cookie jar that follows redirects by hand, signs in on the login
/// page and answers the consent page, until it is sent to the client's redirect URI.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    private readonly HttpClient http;

    public BrowserSession()
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true });
    }

    public CookieContainer Cookies { get; }

    /// <summary>The pages seen on the way ("login", "consent").</summary>
    public List<string> PagesSeen { get; } = [];

    public HttpClient Http => http;

    /// <summary>
    /// Opens the authorization URL and walks the flow. Returns the final response: a redirect to the client (whose
    /// Location holds code or error) or the page where the walk stopped (an error page).
    /// </summary>
    public async Task<HttpResponseMessage> AuthorizeAsync(string authorizeUrl, string redirectUriPrefix, string username, string password, string decision = "allow")
    {
        PagesSeen.Clear();
        var url = new Uri(authorizeUrl);
        for (var hop = 0; hop < 10; hop++)
        {
            var response = await http.GetAsync(url);
            if (IsRedirect(response))
            {
                var location = new Uri(url, response.Headers.Location!);
                if (location.AbsoluteUri.StartsWith(redirectUriPrefix, StringComparison.Ordinal))
                {
                    return response;
                }

                url = location;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            var html = await response.Content.ReadAsStringAsync();
            var form = HtmlForm.Parse(html) ?? throw new InvalidOperationException("No form on " + url);
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal);
            if (url.AbsolutePath.EndsWith("/login", StringComparison.Ordinal))
            {
                PagesSeen.Add("login");
                fields["Username"] = username;
                fields["Password"] = password;
            }
            else if (url.AbsolutePath.EndsWith("/consent", StringComparison.Ordinal))
            {
                PagesSeen.Add("consent");
                fields["decision"] = decision;
            }
            else
            {
                return response;
            }

            var target = form.Action is null or "" ? url : new Uri(url, form.Action);
            var posted = await http.PostAsync(target, new FormUrlEncodedContent(fields));
            if (!IsRedirect(posted))
            {
                return posted;
            }

            var next = new Uri(target, posted.Headers.Location!);
            if (next.AbsoluteUri.StartsWith(redirectUriPrefix, StringComparison.Ordinal))
            {
                return posted;
            }

            url = next;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;

    public void Dispose() => http.Dispose();
}
