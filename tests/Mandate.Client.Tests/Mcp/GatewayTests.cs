using System.Text.Json;
using Mandate.Client.Dpop;
using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mandate.Client.Tests.Mcp;

/// <summary>
/// The sample's path end to end: the orchestrator's own token, narrowed by the sub-agent to mcp:read, used through
/// the MCP C# SDK over the Mandate-wired HttpClient at the gateway's demo upstream. The sub-agent sees and calls the
/// read tools, and nothing more; its token is bound to its own DPoP key, so every call carries a proof.
/// </summary>
public sealed class GatewayTests(DelegationServer fixture) : IClassFixture<DelegationServer>
{
    [Fact]
    public async Task SubAgent_WithAnExchangedReadToken_ListsAndReadsNotes_AndCannotWrite()
    {
        using var dpopKey = DpopKey.Generate();
        using var orchestrator = new ClientCredentialsClient(new TokenClientOptions
        {
            Issuer = fixture.Issuer,
            ClientAuthentication = new ClientSecretBasic(fixture.Orchestrator.Id, fixture.Orchestrator.Secret),
        });
        using var subAgent = new TokenExchangeClient(new TokenClientOptions
        {
            Issuer = fixture.Issuer,
            ClientAuthentication = new ClientSecretBasic(fixture.SubAgent.Id, fixture.SubAgent.Secret),
            DpopKey = dpopKey,
        });
        using var orchestratorTokens = orchestrator.CreateTokenProvider(["mcp:read", "mcp:write"], fixture.Resource);
        using var tokens = subAgent.CreateTokenProvider(
            async ct => (await orchestratorTokens.GetTokenAsync(ct)).AccessToken, ["mcp:read"], fixture.Resource);

        var delegated = await tokens.GetTokenAsync(CancellationToken.None);
        Assert.True(delegated.IsDpopBound);
        await using var transport = tokens.CreateMcpTransport(new Uri(fixture.Resource), dpopKey);
        await using var mcp = await McpClient.CreateAsync(transport);
        var tools = await mcp.ListToolsAsync();
        var read = await mcp.CallToolAsync("read_note", new Dictionary<string, object?> { ["id"] = "note-1" });
        var write = await Record.ExceptionAsync(() => mcp.CallToolAsync("create_note", new Dictionary<string, object?> { ["title"] = "x", ["body"] = "y" }).AsTask());

        Assert.Equal(["list_notes", "read_note"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(true, read.IsError);
        Assert.Contains("Welcome to Mandate", Assert.IsType<TextContentBlock>(read.Content[0]).Text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, Assert.IsType<HttpRequestException>(write).StatusCode);
        Assert.Equal(2, fixture.Demo.Server.Notes.List().Count);

        var events = await fixture.Server.Services.GetRequiredService<IAuditReader>().ListRecentAsync(100, CancellationToken.None);
        var call = events.First(e => e is { Kind: "gateway.call", Tool: "read_note" });
        Assert.Equal("sub-agent", call.ClientId);
        using var chain = JsonDocument.Parse(call.ActorChain!);
        Assert.Equal("sub-agent", chain.RootElement.GetProperty("client_id").GetString());
    }
}
