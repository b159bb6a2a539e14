namespace Mandate.LoadHarness.Minting;

/// <summary>An input or button of an HTML form; attribute values are already HTML-decoded.</summary>
internal sealed record HtmlFormField(string Element, string Type, string? Name, string Value, bool IsChecked)
{
    public bool IsSubmit => Element == "button" ? Type is "submit" : Type is "submit" or "image";
}
