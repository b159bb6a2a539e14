namespace Mandate.Core.Users;

public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;

    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"Passwords must have at least {MinimumLength} characters.";
        }

        return password.Length > MaximumLength ? $"Passwords must have at most {MaximumLength} characters." : null;
    }
}
