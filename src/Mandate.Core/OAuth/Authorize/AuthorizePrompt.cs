namespace Mandate.Core.OAuth.Authorize;

/// <summary>The prompt parameter (OpenID Connect Core §3.1.2.1): none, login, consent, select_account; none stands alone.</summary>
public static class AuthorizePrompt
{
    public static HashSet<string>? Parse(string? value)
    {
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        if (value is null)
        {
            return prompts;
        }

        foreach (var item in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item is not ("none" or "login" or "consent" or "select_account"))
            {
                return null;
            }

            prompts.Add(item);
        }

        return prompts.Contains("none") && prompts.Count > 1 ? null : prompts;
    }
}
