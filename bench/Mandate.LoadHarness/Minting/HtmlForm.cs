namespace Mandate.LoadHarness.Minting;

/// <summary>An HTML form: resolved action URL, method and its inputs and buttons in document order.</summary>
internal sealed record HtmlForm(Uri Action, string Method, IReadOnlyList<HtmlFormField> Fields)
{
    public bool HasPassword => Fields.Any(input => input.Type == "password");

    public IEnumerable<HtmlFormField> SubmitButtons => Fields.Where(input => input.IsSubmit);
}
