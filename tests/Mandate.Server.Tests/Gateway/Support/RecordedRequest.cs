namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>What an upstream received: method, headers (names lower-cased) and body.</summary>
public sealed record RecordedRequest(string Method, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public bool IsToolCall(string tool) => Body.Contains("\"tools/call\"", StringComparison.Ordinal) && Body.Contains($"\"{tool}\"", StringComparison.Ordinal);
}
