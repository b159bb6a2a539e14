namespace Mandate.Core.Users;

public static class UsernamePolicy
{
    public static string? Check(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64)
        {
            return "Usernames have 1 to 64 characters.";
        }

        foreach (var c in username)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            {
                return "Usernames may contain letters, digits, '.', '_', '-' and '@'.";
            }
        }

        return null;
    }
}
