namespace Mandate.Core.Fetching;

/// <summary>A POST's outcome: the status (0 without a response) and a short reason on failure (never response content).</summary>
public sealed record OutboundPostResult(bool Success, int StatusCode, string? Error);
