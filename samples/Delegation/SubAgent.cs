using System.Net;
using Mandate.Client.Dpop;
using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tokens;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mandate.Samples.Delegation;

/// <summary>
/// The sub-agent: keeps its own DPoP key, exchanges the orchestrator's token for a read-only one bound to that key,
/// and calls the notes tools through the gateway. It can read; it cannot write, and it cannot widen its token.
/// </summary>
internal sealed class SubAgent(SampleSettings settings, TextWriter output)
{
    public async Task RunAsync(IAccessTokenProvider orchestratorTokens, CancellationToken cancellationToken)
    {
        using var key = DpopKey.LoadOrCreate(settings.KeyFile);
        output.WriteLine($"Sub-agent DPoP key {key.Algorithm}, thumbprint {key.Thumbprint} ({settings.KeyFile})");
        using var exchange = new TokenExchangeClient(new TokenClientOptions
        {
            Issuer = settings.Issuer,
            ClientAuthentication = new ClientSecretBasic(settings.SubAgentId, settings.SubAgentSecret),
            DpopKey = key,

            // A copied token must be useless without the key: refuse an unbound one rather than carry on with it.
            RequireDpopBoundTokens = true,
        });

        await TryToWidenAsync(exchange, orchestratorTokens, cancellationToken);

        using var tokens = exchange.CreateTokenProvider(
            async ct => (await orchestratorTokens.GetTokenAsync(ct)).AccessToken, ["mcp:read"], settings.Resource);
        var token = await tokens.GetTokenAsync(cancellationToken);
        output.WriteLine($"Sub-agent token: scope '{token.Scope}', token_type {token.TokenType}, expires {token.ExpiresAt:u}");
        output.WriteLine(token.IsDpopBound
            ? $"  bound to the sub-agent's key: useless to anyone without {key.Thumbprint}"
            : "  Bearer: the server did not bind the token to the key (a Mandate without DPoP support?)");
        output.WriteLine("  " + TokenChain.Describe(token.AccessToken));

        await using var transport = tokens.CreateMcpTransport(new Uri(settings.Resource), key);
        await using var mcp = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        await UseNotesAsync(mcp, cancellationToken);
    }

    private async Task TryToWidenAsync(TokenExchangeClient exchange, IAccessTokenProvider orchestratorTokens, CancellationToken cancellationToken)
    {
        var subject = await orchestratorTokens.GetTokenAsync(cancellationToken);
        try
        {
            await exchange.ExchangeAsync(subject.AccessToken, ["mcp:destructive"], settings.Resource, cancellationToken: cancellationToken);
            output.WriteLine("Widening to mcp:destructive was allowed: it should not have been!");
        }
        catch (OAuthException refused)
        {
            output.WriteLine($"Widening to mcp:destructive refused: {refused.Error} ({refused.ErrorDescription})");
        }
    }

    private async Task UseNotesAsync(McpClient mcp, CancellationToken cancellationToken)
    {
        var tools = await mcp.ListToolsAsync(cancellationToken: cancellationToken);
        output.WriteLine("Tools the sub-agent sees: " + string.Join(", ", tools.Select(t => t.Name)));

        var list = await mcp.CallToolAsync("list_notes", cancellationToken: cancellationToken);
        output.WriteLine("list_notes: " + Text(list));

        var note = await mcp.CallToolAsync("read_note", new Dictionary<string, object?> { ["id"] = "note-1" }, cancellationToken: cancellationToken);
        output.WriteLine("read_note note-1: " + Text(note));

        try
        {
            await mcp.CallToolAsync("create_note", new Dictionary<string, object?> { ["title"] = "From the sub-agent", ["body"] = "Should not exist." }, cancellationToken: cancellationToken);
            output.WriteLine("create_note succeeded: it should not have!");
        }
        catch (HttpRequestException refused) when (refused.StatusCode == HttpStatusCode.Forbidden)
        {
            output.WriteLine("create_note refused by the gateway (403 insufficient_scope): the sub-agent was given mcp:read only");
        }
    }

    private static string Text(CallToolResult result) =>
        string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
