using System.Globalization;
using Mandate.Core.Configuration;
using Mandate.Core.OAuth;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.OAuth.Par;
using Mandate.Protocol.OAuth;
using Mandate.Server.Account;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Mandate.Server.OAuth.Authorize;

/// <summary>
/// GET or POST /authorize: validate, then sign in, ask for consent, or answer the client with a code. A POSTed
/// request is turned into the equivalent GET URL for the login and consent round trips.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], HandleAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private const string LoginMarker = "login_requested_at";

    private static async Task HandleAsync(HttpContext context)
    {
        var query = await ReadParametersAsync(context);
        if (query is null)
        {
            await ErrorPage.WriteAsync(context, OAuthError.InvalidRequest("The request could not be read."));
            return;
        }

        var services = context.RequestServices;
        var issuer = services.GetRequiredService<IOptions<MandateOptions>>().Value.Issuer;
        var validation = await services.GetRequiredService<AuthorizeRequestValidator>().ValidateAsync(FormReader.FromPairs(query), context.RequestAborted);
        if (validation.Request is not { } request)
        {
            if (validation.RedirectUri is null)
            {
                await ErrorPage.WriteAsync(context, validation.Error!);
            }
            else
            {
                Redirect(context, AuthorizeResponseUrl.Failure(validation.RedirectUri, validation.Error!, validation.State, issuer));
            }

            return;
        }

        var (userId, authTime) = SignedInUser.Read(context.User);
        var decision = await services.GetRequiredService<AuthorizationService>()
            .DecideAsync(request, userId, authTime, loginSatisfied: LoginJustHappened(query, authTime), context.RequestAborted);
        if (request.PushedRequestUri is { } requestUri)
        {
            await ContinuePushedAsync(context, request, decision, requestUri);
            return;
        }

        Respond(context, decision, query);
    }

    /// <summary>
    /// RFC 9126: the request_uri is used up here. The answer to the client consumes it; a sign-in or consent round trip
    /// trades it for an internal one that only the login and consent pages carry (with client_id, nothing else).
    /// </summary>
    private static async Task ContinuePushedAsync(HttpContext context, AuthorizeRequest request, AuthorizeDecision decision, string requestUri)
    {
        var pushed = context.RequestServices.GetRequiredService<PushedAuthorizationService>();
        var used = OAuthError.InvalidRequestUri("request_uri was already used.");
        if (decision.Next == AuthorizeNext.Redirect)
        {
            if (await pushed.FinishAsync(requestUri, context.RequestAborted))
            {
                Redirect(context, decision.RedirectUrl!);
            }
            else
            {
                await ErrorPage.WriteAsync(context, used);
            }

            return;
        }

        if (await pushed.ContinueAsync(requestUri, context.RequestAborted) is not { } next)
        {
            await ErrorPage.WriteAsync(context, used);
            return;
        }

        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal) { ["client_id"] = request.Client.ClientId, ["request_uri"] = next };
        Respond(context, decision, query);
    }

    private static void Respond(HttpContext context, AuthorizeDecision decision, Dictionary<string, StringValues> query)
    {
        var services = context.RequestServices;
        switch (decision.Next)
        {
            case AuthorizeNext.Login:
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var returnUrl = context.Request.PathBase + "/authorize" + QueryString.Create(WithoutLoginPrompt(query, now));
                Redirect(context, context.Request.PathBase + "/login" + QueryString.Create("returnUrl", returnUrl));
                break;
            case AuthorizeNext.Consent:
                Redirect(context, context.Request.PathBase + "/consent" + QueryString.Create(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))));
                break;
            default:
                Redirect(context, decision.RedirectUrl!);
                break;
        }
    }

    private static async Task<Dictionary<string, StringValues>?> ReadParametersAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            return context.Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            BodyLimits.Limit(context, FormReader.MaxFormBytes);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// prompt=login is removed from the URL the login page returns to, and the time of this redirect added, so the
    /// sign-in that follows is recognised as the fresh one that prompt=login or max_age asked for.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> WithoutLoginPrompt(Dictionary<string, StringValues> query, DateTimeOffset now)
    {
        foreach (var (key, values) in query)
        {
            if (key == LoginMarker)
            {
                continue;
            }

            foreach (var value in values)
            {
                yield return key == "prompt"
                    ? new(key, string.Join(' ', (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "login")))
                    : new(key, value);
            }
        }

        yield return new(LoginMarker, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    private static bool LoginJustHappened(Dictionary<string, StringValues> query, DateTimeOffset? authTime) =>
        authTime is { } at && query.TryGetValue(LoginMarker, out var marker)
        && long.TryParse(marker.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var requestedAt)
        && at.ToUnixTimeSeconds() >= requestedAt;

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(location);
    }
}
