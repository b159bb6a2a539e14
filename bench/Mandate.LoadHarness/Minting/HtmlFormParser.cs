using System.Net;
using System.Text.RegularExpressions;

namespace Mandate.LoadHarness.Minting;

/// <summary>
/// Just enough HTML form parsing to drive a login and a consent page: forms, their inputs and buttons.
/// Regex-based on purpose: the pages are server-rendered and simple, and no HTML parser package is needed.
/// </summary>
internal static partial class HtmlFormParser
{
    public static IReadOnlyList<HtmlForm> Parse(string html, Uri pageUri) =>
        FormPattern().Matches(html).Select(form => ToForm(form, pageUri)).ToList();

    private static HtmlForm ToForm(Match form, Uri pageUri)
    {
        var attributes = Attributes(form.Groups["attributes"].Value);
        var action = attributes.GetValueOrDefault("action");
        var method = attributes.GetValueOrDefault("method") ?? "get";
        var fields = FieldPattern().Matches(form.Groups["body"].Value).Select(ToField).ToList();
        return new HtmlForm(
            string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action),
            method.ToUpperInvariant(),
            fields);
    }

    private static HtmlFormField ToField(Match field)
    {
        var isButton = field.Groups["element"].Value.Equals("button", StringComparison.OrdinalIgnoreCase);
        var element = isButton ? "button" : "input";
        var attributes = Attributes(field.Groups["attributes"].Value);
        var type = attributes.GetValueOrDefault("type") is { Length: > 0 } declared
            ? declared.ToLowerInvariant()
            : isButton ? "submit" : "text";
        return new HtmlFormField(
            element,
            type,
            attributes.GetValueOrDefault("name"),
            attributes.GetValueOrDefault("value") ?? string.Empty,
            attributes.ContainsKey("checked"));
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in AttributePattern().Matches(text))
        {
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(attribute.Groups["value"].Value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(?<element>input|button)\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>""']+)))?")]
    private static partial Regex AttributePattern();
}
