using Mandate.Core.Approvals;
using Mandate.Core.Clients;
using Mandate.Core.Mandates;
using Mandate.Server.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// The signed-in person's pending approval requests (CIBA sign-ins and held tool calls), each in words, with Approve
/// and Deny. Only the request's own person can decide it: the decision is made with their user id as a condition.
/// </summary>
[Authorize]
public sealed class ApprovalsModel(ApprovalService approvals, IClientStore clients, TimeProvider time) : PageModel
{
    public string Username => User.Identity?.Name ?? string.Empty;

    public IReadOnlyList<PendingApproval> Pending { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(string? id) => DecideAsync(id, approve: true);

    public Task<IActionResult> OnPostDenyAsync(string? id) => DecideAsync(id, approve: false);

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(Url.Content("~/login"));
    }

    private async Task<IActionResult> DecideAsync(string? id, bool approve)
    {
        var (userId, _) = SignedInUser.Read(User);
        if (userId is not null && id is not null
            && await approvals.DecideAsync(id, "console:" + Username, approve, userId, HttpContext.RequestAborted))
        {
            Message = approve ? "Approved." : "Denied.";
        }
        else
        {
            Message = "That request is no longer waiting for you (decided, expired, or not yours).";
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (userId, _) = SignedInUser.Read(User);
        var now = time.GetUtcNow();
        var list = new List<PendingApproval>();
        foreach (var request in await approvals.ListPendingAsync(userId!, HttpContext.RequestAborted))
        {
            var client = await clients.FindAsync(request.ClientId, HttpContext.RequestAborted);
            var mandate = MandateJson.FromTrusted(request.AuthorizationDetails);
            list.Add(new PendingApproval(
                request,
                client?.Name ?? request.ClientId,
                mandate,
                mandate is null ? [] : MandateWording.Describe(mandate),
                mandate is null ? null : MandateWording.Expiry(mandate, now),
                ApprovalWording.TimeLeft(request.ExpiresAt, now),
                ApprovalWording.Agents(request.ActChain)));
        }

        Pending = list;
    }

    public sealed record PendingApproval(
        ApprovalRequest Request,
        string ClientName,
        TaskMandate? Mandate,
        IReadOnlyList<MandateToolWording> MandateTools,
        string? MandateExpiry,
        string TimeLeft,
        IReadOnlyList<string> Agents);
}
