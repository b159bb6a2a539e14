using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mandate.Core.Clients;
using Mandate.Core.Consents;
using Mandate.Core.Mandates;
using Mandate.Core.OAuth.Par;
using Mandate.Core.OAuth.Authorize;
using Mandate.Core.Resources;
using Mandate.Server.Account;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// The consent page. The authorization request travels in the query string and is validated again on every GET and
/// POST, so nothing about it is trusted from the form; the POST is bound to the session by the antiforgery token.
/// </summary>
[Authorize]
public sealed partial class ConsentModel(
    AuthorizeRequestValidator validator,
    AuthorizationService authorization,
    IConsentStore consents,
    PushedAuthorizationService pushed,
    TimeProvider time,
    ILogger<ConsentModel> logger) : PageModel
{
    public AuthorizeRequest? Authorization { get; private set; }

    public string Username => User.Identity?.Name ?? string.Empty;

    public string RedirectHost { get; private set; } = string.Empty;

    public string ClientHost { get; private set; } = string.Empty;

    public bool UnknownClientHost { get; private set; }

    public IReadOnlyList<(string Scope, string Description)> ScopeLines { get; private set; } = [];

    public IReadOnlyList<MandateToolWording> MandateTools { get; private set; } = [];

    public string MandateExpiry { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var failure = await LoadAsync();
        return failure ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        var failure = await LoadAsync();
        if (failure is not null)
        {
            return failure;
        }

        var request = Authorization!;
        var (userId, authTime) = SignedInUser.Read(User);

        // A pushed request (RFC 9126) is answered once: a second Allow or Deny with the same request_uri is refused.
        if (request.PushedRequestUri is { } requestUri && !await pushed.FinishAsync(requestUri, HttpContext.RequestAborted))
        {
            await ErrorPage.WriteAsync(HttpContext, Protocol.OAuth.OAuthError.InvalidRequestUri("request_uri was already used."));
            return new EmptyResult();
        }
        if (decision != "allow")
        {
            LogDenied(logger, userId!, request.Client.ClientId);
            return Redirect(await authorization.DenyAsync(request, userId!, HttpContext.RequestAborted));
        }

        if (request.Client.Source == ClientSource.MetadataDocument)
        {
            await consents.RememberClientHostAsync(ClientHost, time.GetUtcNow(), HttpContext.RequestAborted);
        }

        var url = await authorization.ApproveAsync(request, userId!, authTime ?? time.GetUtcNow(), HttpContext.RequestAborted);
        LogAllowed(logger, userId!, request.Client.ClientId, request.Resource.Uri);
        return Redirect(url);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var parameters = FormReader.FromPairs(HttpContext.Request.Query);
        var validation = await validator.ValidateAsync(parameters, HttpContext.RequestAborted);
        if (validation.Request is not { } request)
        {
            if (validation.RedirectUri is not null)
            {
                var issuer = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Configuration.MandateOptions>>().Value.Issuer;
                return Redirect(AuthorizeResponseUrl.Failure(validation.RedirectUri, validation.Error!, validation.State, issuer));
            }

            await ErrorPage.WriteAsync(HttpContext, validation.Error!);
            return new EmptyResult();
        }

        Authorization = request;
        RedirectHost = HostOf(request.RedirectUri);
        ClientHost = HostOf(request.Client.ClientId);
        UnknownClientHost = request.Client.Source == ClientSource.MetadataDocument
            && !await consents.IsKnownClientHostAsync(ClientHost, HttpContext.RequestAborted);
        ScopeLines = request.Scopes.Select(s => (s, ScopeDescriber.Describe(request.Resource, s))).ToList();
        if (request.Mandate is { } mandate)
        {
            MandateTools = MandateWording.Describe(mandate);
            MandateExpiry = MandateWording.Expiry(mandate, time.GetUtcNow());
        }

        return null;
    }

    private static string HostOf(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? (parsed.IsDefaultPort ? parsed.Host : $"{parsed.Host}:{parsed.Port}") : uri;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "User {UserId} allowed client {ClientId} at {Resource}")]
    private static partial void LogAllowed(ILogger logger, string userId, string clientId, string resource);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "User {UserId} denied client {ClientId}")]
    private static partial void LogDenied(ILogger logger, string userId, string clientId);
}
