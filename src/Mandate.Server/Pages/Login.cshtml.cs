using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mandate.Core.Security;
using Mandate.Core.Users;
using Mandate.Server.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mandate.Server.Pages;

/// <summary>
/// Username and password sign-in. Unknown users cost the same hashing time as known ones; failures are throttled per
/// username and per address; the answer never says which of the two was wrong.
/// </summary>
public sealed partial class LoginModel(IUserStore users, ILoginThrottle throttle, SignInAudit audit, TimeProvider time, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var username = (Username ?? string.Empty).Trim();
        var password = Password ?? string.Empty;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.LockedUntil(username, address) is not null)
        {
            LogLockedOut(logger, address);
            var target = username.Length is > 0 and <= 64 ? await users.FindByUsernameAsync(username, HttpContext.RequestAborted) : null;
            await audit.FailedAsync(target?.Id, lockedOut: true, HttpContext.RequestAborted);
            ErrorMessage = "Too many failed sign-in attempts. Wait a few minutes and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var user = username.Length is > 0 and <= 64 ? await users.FindByUsernameAsync(username, HttpContext.RequestAborted) : null;
        var valid = PasswordHasher.Verify(password, user?.PasswordHash ?? PasswordHasher.Decoy) && user is not null;
        if (!valid)
        {
            throttle.RecordFailure(username, address);
            LogFailed(logger, address);
            await audit.FailedAsync(user?.Id, lockedOut: false, HttpContext.RequestAborted);
            ErrorMessage = "The username or password is incorrect.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        throttle.RecordSuccess(username, address);
        await SignedInUser.SignInAsync(HttpContext, user!, time.GetUtcNow());
        LogSignedIn(logger, user!.Id);
        await audit.SucceededAsync(user.Id, HttpContext.RequestAborted);
        return LocalRedirect(SafeReturnUrl(ReturnUrl) ?? Url.Content("~/connected-apps"));
    }

    /// <summary>Only local paths: never "//host" or "/\host", which browsers treat as another origin. Null otherwise.</summary>
    public static string? SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : null;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "User {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Failed sign-in from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Sign-in refused from {Address}: locked out after repeated failures")]
    private static partial void LogLockedOut(ILogger logger, string address);
}
