using Mandate.Core.Security;

namespace Mandate.Core.Approvals;

public static class ApprovalIds
{
    /// <summary>The longest id accepted from outside (CLI argument, form field); created ids are 43 characters.</summary>
    public const int MaxLength = 64;

    public static string Create() => RandomTokens.Create(32);

    public static bool IsPlausible(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
