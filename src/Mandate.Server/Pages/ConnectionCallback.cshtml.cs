using Mandate.Core.Vault.Connect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// The redirect URI registered at every provider ({issuer}/connections/callback): checks state (this person, this
/// session, once), iss, then redeems the code and stores the tokens. Errors are shown, never the provider's text.
/// </summary>
[Authorize]
public sealed class ConnectionCallbackModel(ConnectFlow flow) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? state, string? code, string? iss, string? error)
    {
        Response.Headers.CacheControl = "no-store";
        var (userId, binding) = ConnectionsModel.SessionOf(User);
        var outcome = await flow.CompleteAsync(userId, binding, new ConnectCallback(state, code, iss, error), HttpContext.RequestAborted);
        if (outcome.Success)
        {
            return LocalRedirect(Url.Content("~/connections") + "?connected=" + Uri.EscapeDataString(outcome.Connector!));
        }

        Error = outcome.Error;
        return Page();
    }
}
