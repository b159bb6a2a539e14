namespace Mandate.Core.Mandates;

/// <summary>A parsed mandate, or why it was refused (the error_description of invalid_authorization_details).</summary>
public sealed record MandateParseResult(TaskMandate? Mandate, string? Error)
{
    public static MandateParseResult Fail(string error) => new(null, error);

    public static MandateParseResult Ok(TaskMandate mandate) => new(mandate, null);
}
