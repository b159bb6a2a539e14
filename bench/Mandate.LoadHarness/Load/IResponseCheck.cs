namespace Mandate.LoadHarness.Load;

/// <summary>Decides whether a (fully buffered) response counts as a success.</summary>
internal interface IResponseCheck
{
    /// <summary>Null for a success; otherwise what was wrong, for the once-per-target first-error report.</summary>
    Task<string?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken);
}
