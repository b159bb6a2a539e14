using System.Net;
using System.Text.RegularExpressions;

namespace Mandate.Testing;

/// <summary>The first form of an HTML page: its action and every input's name and value (hidden ones included).</summary>
public sealed partial record HtmlForm(string? Action, IReadOnlyDictionary<string, string> Fields)
{
    public static HtmlForm? Parse(string html)
    {
        var form = FormRegex().Match(html);
        if (!form.Success)
        {
            return null;
        }

        var action = AttributeRegex("action").Match(form.Groups["open"].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups["v"].Value) : null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputRegex().Matches(form.Groups["body"].Value))
        {
            var tag = input.Value;
            if (AttributeRegex("name").Match(tag) is { Success: true } name)
            {
                var value = AttributeRegex("value").Match(tag) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups["v"].Value) : string.Empty;
                fields[WebUtility.HtmlDecode(name.Groups["v"].Value)] = value;
            }
        }

        return new HtmlForm(action, fields);
    }

    private static Regex AttributeRegex(string name) => new($"\\s{name}=\"(?<v>[^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex("<form(?<open>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputRegex();
}
