using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mandate.Core.Clients;
using Mandate.Core.Consents;
using Mandate.Protocol.OAuth;
using Mandate.Server.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>The person's own view of which applications may act for them, with a way to withdraw each.</summary>
[Authorize]
public sealed class ConnectedAppsModel(ConsentService consents, IClientStore clients) : PageModel
{
    public string Username => User.Identity?.Name ?? string.Empty;

    public IReadOnlyList<ConnectedApp> Apps { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRevokeAsync(string? clientId)
    {
        var (userId, _) = SignedInUser.Read(User);
        if (!string.IsNullOrEmpty(clientId) && userId is not null)
        {
            var removed = await consents.RevokeAsync(userId, clientId, "the person", HttpContext.RequestAborted);
            Message = removed > 0 ? "The application was removed." : "That application was not connected.";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(Url.Content("~/login"));
    }

    private async Task LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (userId, _) = SignedInUser.Read(User);
        var list = await consents.ListAsync(userId!, HttpContext.RequestAborted);
        var apps = new List<ConnectedApp>();
        foreach (var group in list.GroupBy(c => c.ClientId, StringComparer.Ordinal))
        {
            var client = await clients.FindAsync(group.Key, HttpContext.RequestAborted);
            apps.Add(new ConnectedApp(
                group.Key,
                client?.Name ?? group.Key,
                group.Select(c => (c.Resource, ScopeParser.Join(c.Scopes))).ToList()));
        }

        Apps = apps;
    }

    public sealed record ConnectedApp(string ClientId, string ClientName, IReadOnlyList<(string Resource, string Scopes)> Grants);
}
