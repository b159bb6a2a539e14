using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Support;

/// <summary>A tool catalog and its administration over in-memory stores, a recording audit sink, a fake clock and kept logs.</summary>
public sealed class GatewayHarness
{
    public const string UpstreamName = "notes";

    public GatewayHarness(bool trustAnnotations = true)
    {
        Upstream = new Upstream { Name = UpstreamName, Url = "http://127.0.0.1:9/mcp", TrustAnnotations = trustAnnotations };
        Upstreams.UpsertAsync(Upstream, CancellationToken.None).GetAwaiter().GetResult();
        Catalog = NewCatalog();
        Admin = new ToolPolicyAdministration(Store, Upstreams, Audit, Time, new ListLogger<ToolPolicyAdministration>());
    }

    public Upstream Upstream { get; }

    public InMemoryToolPolicyStore Store { get; } = new();

    public InMemoryUpstreamStore Upstreams { get; } = new();

    public RecordingAuditSink Audit { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public ListLogger<ToolCatalog> Log { get; } = new();

    public ToolCatalog Catalog { get; }

    public ToolPolicyAdministration Admin { get; }

    /// <summary>Another catalog over the same stores, as a second process would have.</summary>
    public ToolCatalog NewCatalog() => new(Store, Upstreams, Audit, Time, Log);

    public async Task<IReadOnlyDictionary<string, PermissionLevel>> ListAsync(params JsonElement[] tools) =>
        await Catalog.ReconcileAsync(Upstream, tools, CancellationToken.None);

    public async Task<ToolReconciliation> ListOneAsync(JsonElement tool) =>
        Assert.Single(await Catalog.ReconcileDetailedAsync(Upstream, [tool], CancellationToken.None));

    public Task<PermissionLevel?> FindAsync(string tool) => Catalog.FindLevelAsync(UpstreamName, tool, CancellationToken.None);

    /// <summary>A tools/list entry; annotations and schemas as JSON text.</summary>
    public static JsonElement Tool(string name, string description = "Does a thing", string? annotations = null, string? inputSchema = null, string? outputSchema = null, string? title = null)
    {
        var members = new List<string> { $"\"name\":{JsonSerializer.Serialize(name)}", $"\"description\":{JsonSerializer.Serialize(description)}" };
        members.Add($"\"inputSchema\":{inputSchema ?? "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}"}");
        if (outputSchema is not null)
        {
            members.Add($"\"outputSchema\":{outputSchema}");
        }

        if (annotations is not null)
        {
            members.Add($"\"annotations\":{annotations}");
        }

        if (title is not null)
        {
            members.Add($"\"title\":{JsonSerializer.Serialize(title)}");
        }

        return JsonDocument.Parse("{" + string.Join(',', members) + "}").RootElement.Clone();
    }

    public const string ReadOnly = "{\"readOnlyHint\":true}";
    public const string NonDestructive = "{\"readOnlyHint\":false,\"destructiveHint\":false}";
    public const string Destructive = "{\"readOnlyHint\":false,\"destructiveHint\":true}";
}
