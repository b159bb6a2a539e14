namespace Mandate.Core.Resources;

/// <summary>
/// Scopes in words for the consent page: the resource's own description when the operator gave one, otherwise a
/// plain reading of the name ("mail.read" becomes "Read: mail").
/// </summary>
public static class ScopeDescriber
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["read"] = "Read",
        ["write"] = "Create and change",
        ["delete"] = "Delete",
        ["admin"] = "Administer",
        ["send"] = "Send",
        ["list"] = "List",
        ["execute"] = "Run",
        ["call"] = "Call",
    };

    public static string Describe(ProtectedResource resource, string scope)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(scope);
        if (resource.ScopeDescriptions.TryGetValue(scope, out var description) && !string.IsNullOrWhiteSpace(description))
        {
            return description;
        }

        var parts = scope.Split(['.', ':', '_', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        var verb = parts.Select(p => Verbs.GetValueOrDefault(p)).FirstOrDefault(v => v is not null);
        if (verb is null || parts.Length < 2)
        {
            return $"Use \"{scope}\"";
        }

        var subject = string.Join(' ', parts.Where(p => !Verbs.ContainsKey(p)));
        return $"{verb}: {subject}";
    }
}
