using System.Text.Json;

namespace Mandate.Server.Tests.Support;

/// <summary>A server allowed to fetch loopback URLs, and a loopback site serving client ID metadata documents.</summary>
public sealed class MetadataDocumentFixture : ServerFixture
{
    private DocumentHost? documents;

    public DocumentHost Documents => documents ?? throw new InvalidOperationException("Not started.");

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Security:AllowLoopbackFetch"] = "true" };

    /// <summary>A document whose client_id is its own URL (unless told otherwise); returns that URL.</summary>
    public static string ServeClient(DocumentHost host, string path, string name = "Doc Agent", string[]? redirects = null, string? clientId = null, string method = "none")
    {
        var url = host.BaseUrl + path;
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = clientId ?? url,
            ["client_name"] = name,
            ["redirect_uris"] = redirects ?? [TestFlow.Redirect],
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["token_endpoint_auth_method"] = method,
        });
        return host.Serve(path, json);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        documents = await DocumentHost.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (documents is not null)
        {
            await documents.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
