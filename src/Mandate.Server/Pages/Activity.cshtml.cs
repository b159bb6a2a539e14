using System.Buffers;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;
using Mandate.Core.Users;
using Mandate.Server.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// What was done in the person's name, newest first, from the ledger: every token, consent and tool call, with the
/// delegation chain that acted. A person sees only the entries whose subject they are; an administrator sees everyone's
/// and may filter by person. The same selection downloads as JSON lines (the ledger's export format).
/// </summary>
[Authorize]
public sealed class ActivityModel(IAuditReader reader, IUserStore users) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The most entries one export returns.</summary>
    public const int ExportLimit = 100_000;

    [BindProperty(SupportsGet = true)]
    public string? Upstream { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tool { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Decision { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>Administrators only: a username or subject to look at; empty for everyone.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public string Username => User.Identity?.Name ?? string.Empty;

    public bool IsAdmin { get; private set; }

    public IReadOnlyList<ActivityRow> Rows { get; private set; } = [];

    /// <summary>The Before value of the next (older) page, when there is one.</summary>
    public long? Older { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await QueryAsync() is not { } query)
        {
            return Forbid();
        }

        var found = await reader.SearchAsync(query with { Limit = PageSize + 1, BeforeId = Before, NewestFirst = true }, HttpContext.RequestAborted);
        Rows = found.Take(PageSize).Select(ActivityRow.From).ToList();
        Older = found.Count > PageSize ? Rows[^1].Id : null;
        return Page();
    }

    /// <summary>GET /activity?handler=export: the same selection, oldest first, as JSON lines.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await QueryAsync() is not { } query)
        {
            return Forbid();
        }

        Response.ContentType = LedgerJsonLine.MediaType;
        Response.Headers.ContentDisposition = "attachment; filename=\"mandate-activity.jsonl\"";
        long? after = null;
        var written = 0;
        while (written < ExportLimit)
        {
            var page = await reader.SearchAsync(query with { AfterId = after, Limit = Math.Min(1_000, ExportLimit - written) }, HttpContext.RequestAborted);
            if (page.Count == 0)
            {
                break;
            }

            var buffer = new ArrayBufferWriter<byte>(page.Count * 512);
            foreach (var recorded in page)
            {
                LedgerJsonLine.Write(buffer, recorded);
                buffer.Write("\n"u8);
            }

            await Response.Body.WriteAsync(buffer.WrittenMemory, HttpContext.RequestAborted);
            written += page.Count;
            after = page[^1].Id;
        }

        return new EmptyResult();
    }

    /// <summary>The filters of the request, limited to the signed-in person unless they are an administrator; null when not allowed.</summary>
    private async Task<AuditQuery?> QueryAsync()
    {
        var (userId, _) = SignedInUser.Read(User);
        if (userId is null)
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId, HttpContext.RequestAborted);
        IsAdmin = user?.IsAdmin == true;
        string? subject = userId;
        if (IsAdmin)
        {
            subject = string.IsNullOrWhiteSpace(Person)
                ? null
                : (await users.FindByUsernameAsync(Person.Trim(), HttpContext.RequestAborted))?.Id ?? Person.Trim();
        }

        return new AuditQuery
        {
            Subject = subject,
            Upstream = Blank(Upstream),
            Tool = Blank(Tool),
            Decision = Blank(Decision),
            Kind = Blank(Kind),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
