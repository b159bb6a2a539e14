using Mandate.Core.Gateway;

namespace Mandate.Storage.Entities;

public sealed class HttpRuleEntity
{
    public long Id { get; set; }

    public string Upstream { get; set; } = "";

    /// <summary>An upper-case method or "*".</summary>
    public string Method { get; set; } = "";

    /// <summary>The pattern in canonical form.</summary>
    public string Path { get; set; } = "";

    public PermissionLevel Level { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
