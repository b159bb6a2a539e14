using System.Text.RegularExpressions;

namespace Mandate.LoadHarness.Minting;

/// <summary>Picks the form a person would submit on a login or consent page and fills it in.</summary>
internal static partial class FormSubmission
{
    /// <summary>The login form, else the form with an approving button, else the first POST form.</summary>
    public static HtmlForm? Choose(IReadOnlyList<HtmlForm> forms) =>
        forms.FirstOrDefault(form => form.HasPassword)
        ?? forms.FirstOrDefault(form => form.SubmitButtons.Any(IsApproval))
        ?? forms.FirstOrDefault(form => form.Method == "POST");

    public static HttpRequestMessage ToRequest(HtmlForm form, LoginCredentials credentials)
    {
        var fields = Fill(form, credentials);
        if (form.Method == "POST")
        {
            return new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(fields) };
        }

        var query = string.Join('&', fields.Select(field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}"));
        return new HttpRequestMessage(HttpMethod.Get, new UriBuilder(form.Action) { Query = query }.Uri);
    }

    private static List<KeyValuePair<string, string>> Fill(HtmlForm form, LoginCredentials credentials)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var field in form.Fields.Where(field => field.Name is not null && !field.IsSubmit))
        {
            var value = field.Type switch
            {
                "password" => credentials.Password,
                "checkbox" or "radio" => field.IsChecked ? field.Value : null,
                "text" or "email" when UsernameName().IsMatch(field.Name!) => credentials.Username,
                "button" or "reset" or "file" => null,
                _ => field.Value,
            };
            if (value is not null)
            {
                fields.Add(new(field.Name!, value));
            }
        }

        if (ChooseButton(form) is { Name: { } name } button)
        {
            fields.Add(new(name, button.Value));
        }

        return fields;
    }

    private static HtmlFormField? ChooseButton(HtmlForm form)
    {
        var named = form.SubmitButtons.Where(button => button.Name is not null).ToList();
        return named.FirstOrDefault(IsApproval) ?? named.FirstOrDefault(button => !Refusal().IsMatch(button.Value));
    }

    private static bool IsApproval(HtmlFormField button) => Approval().IsMatch(button.Value);

    [GeneratedRegex("user|login|email|name", RegexOptions.IgnoreCase)]
    private static partial Regex UsernameName();

    [GeneratedRegex("allow|accept|approve|consent|grant|authori[sz]e|yes", RegexOptions.IgnoreCase)]
    private static partial Regex Approval();

    [GeneratedRegex("deny|denied|reject|refuse|cancel|abort|^no$", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();
}
