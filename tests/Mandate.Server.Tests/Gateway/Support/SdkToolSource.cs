using System.Text.Json;
using Mandate.Core.Gateway;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>Lists an upstream's tools with the official C# SDK client, counting how often it is asked.</summary>
public sealed class SdkToolSource : IUpstreamToolSource
{
    private int calls;

    public int Calls => calls;

    public async Task<IReadOnlyList<JsonElement>> ListToolsAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(upstream.Url),
            AdditionalHeaders = upstream.Headers.ToDictionary(),
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return tools.Select(t => JsonSerializer.SerializeToElement(t.ProtocolTool, McpJsonUtilities.DefaultOptions)).ToList();
    }
}
