namespace Mandate.Storage.Entities;

public sealed class ResourceEntity
{
    public string Uri { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public Dictionary<string, string> ScopeDescriptions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
