using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Minting;

/// <summary>
/// Walks the authorization flow once like a browser: follows redirects and submits whatever login and
/// consent forms the server renders (hidden inputs kept, username/password filled in, the approving
/// button pressed), until the server redirects to redirect_uri with a code. Leaves a session cookie
/// (and a remembered consent) in the client's cookie container.
/// </summary>
internal sealed class InteractiveAuthorization(HttpClient cookieClient, TargetDescription target, LoginCredentials credentials)
{
    private const int MaxSteps = 16;
    private const int MaxExcerptCharacters = 600;

    public async Task<CodeVerifierPair> ObtainCodeAsync(CancellationToken cancellationToken)
    {
        var authorization = AuthorizationRequest.Create(target);
        var message = new HttpRequestMessage(HttpMethod.Get, authorization.Uri);
        for (var step = 1; step <= MaxSteps; step++)
        {
            var requestUri = message.RequestUri!;
            Log($"{message.Method} {requestUri.PathAndQuery}");
            using var response = await cookieClient.SendAsync(message, cancellationToken);
            message.Dispose();
            if (AuthorizationRedirect.Target(response, requestUri) is { } location)
            {
                if (AuthorizationRedirect.IsToRedirectUri(location, target.RedirectUri))
                {
                    return new CodeVerifierPair(AuthorizationRedirect.ReadCode(location, authorization), authorization.Pkce.Verifier);
                }

                message = new HttpRequestMessage(HttpMethod.Get, location);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{requestUri} returned HTTP {(int)response.StatusCode}: {Excerpt(body)}");
            }

            var form = FormSubmission.Choose(HtmlFormParser.Parse(body, requestUri))
                ?? throw new InvalidOperationException($"{requestUri} returned a page without a form: {Excerpt(body)}");
            Log($"  page has a {(form.HasPassword ? "login" : "consent")} form; submitting it");
            message = FormSubmission.ToRequest(form, credentials);
        }

        message.Dispose();
        throw new InvalidOperationException($"no redirect to {target.RedirectUri} after {MaxSteps} steps (wrong password?)");
    }

    private void Log(string text) => Console.Error.WriteLine($"[{target.Name}] {text}");

    private static string Excerpt(string body) => body.Length > MaxExcerptCharacters ? body[..MaxExcerptCharacters] + "..." : body;
}
