namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// CIBA section 7.1: a binding_message is shown on both devices so the person can tell requests apart; it should be
/// short plain text. Mandate takes up to 100 characters, no control or format characters.
/// </summary>
public static class BindingMessages
{
    public const int MaxLength = 100;

    public static string? Check(string? message)
    {
        if (message is null)
        {
            return null;
        }

        if (message.Length > MaxLength)
        {
            return $"binding_message is longer than {MaxLength} characters.";
        }

        return message.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? "binding_message must be plain text on one line."
            : null;
    }
}
