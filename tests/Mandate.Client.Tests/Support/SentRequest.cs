namespace Mandate.Client.Tests.Support;

/// <summary>A request as the scripted network saw it.</summary>
public sealed record SentRequest(string Method, Uri Uri, string? Authorization, IReadOnlyList<string> Proofs, string? Body)
{
    public string? Proof => Proofs.Count == 1 ? Proofs[0] : null;

    public Dictionary<string, string> Form =>
        (Body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')), StringComparer.Ordinal);
}
