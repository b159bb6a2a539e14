using System.Globalization;
using System.Net;
using Mandate.Core.Audit;
using Mandate.Core.Gateway;
using Mandate.Core.Ledger.Checkpoints;
using Mandate.Core.Ledger.Receipts;
using Mandate.Core.Tokens;
using Mandate.Protocol.Transparency.Notes;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace Mandate.Server.Tests.Ledger;

/// <summary>End to end: a tool call through the gateway names its event; its receipt verifies with the published key alone.</summary>
public sealed class GatewayReceiptTests : IAsyncLifetime
{
    private MandateTestServer server = null!;
    private McpUpstream upstream = null!;

    public async Task InitializeAsync()
    {
        upstream = await McpUpstream.StartAsync(HttpServerSessionMode.Stateless);
        server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Ledger:CheckpointInterval"] = "00:00:00.2" });
        await server.Services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream { Name = "notes", Url = upstream.Url, TrustAnnotations = true }, "Notes", null, CancellationToken.None);
    }

    [Fact]
    public async Task AToolCall_HasAReceipt_ThatVerifiesOfflineWithTheVerifierKey()
    {
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = "usr_receipt",
            ClientId = "client_receipt",
            Resource = UpstreamRegistration.ResourceUri(server.Issuer, "notes"),
            Scopes = ["mcp:read"],
        });

        using var response = await McpHttp.PostAsync(server.Issuer + "/mcp/notes", token.Token, McpHttp.Call(1, "read_note", new { id = "n1" }));
        _ = await McpHttp.MessagesAsync(response);
        var id = long.Parse(response.Headers.GetValues("Mandate-Audit-Id").Single(), CultureInfo.InvariantCulture);
        var receiptJson = await FetchReceiptAsync(id);

        // What an auditor holds: the receipt file and the key string `mandate ledger key` printed. Nothing else.
        var key = NoteVerifier.Parse(server.Services.GetRequiredService<LedgerKey>().VerifierKey);
        Assert.True(ReceiptJson.TryParse(receiptJson, out var receipt, out _));
        var verified = ReceiptVerifier.Verify(receipt, key);
        Assert.True(verified.IsValid, verified.Error);
        Assert.Equal(id, receipt.Index);
        Assert.Equal(("gateway.call", "allow", "read_note", "usr_receipt", "client_receipt", token.TokenId), (verified.Event!.Kind, verified.Event.Decision, verified.Event.Tool, verified.Event.Subject, verified.Event.ClientId, verified.Event.TokenId));

        var outcome = await WaitForOutcomeAsync(id);
        Assert.Equal(("allow", 200), (outcome.Decision, outcome.UpstreamStatus));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    private async Task<byte[]> FetchReceiptAsync(long id)
    {
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.GetAsync(server.Issuer + "/ledger/receipts/" + id.ToString(CultureInfo.InvariantCulture));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsByteArrayAsync();
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(attempt < 50, "No checkpoint covered the event.");
            await Task.Delay(100);
        }
    }

    private async Task<AuditEvent> WaitForOutcomeAsync(long callId)
    {
        var reader = server.Services.GetRequiredService<IAuditReader>();
        for (var attempt = 0; ; attempt++)
        {
            var found = (await reader.SearchAsync(new AuditQuery { Kind = "gateway.outcome" }, CancellationToken.None)).FirstOrDefault(r => r.Event.RelatesTo == callId);
            if (found is not null || attempt == 50)
            {
                Assert.NotNull(found);
                return found.Event;
            }

            await Task.Delay(50);
        }
    }
}
