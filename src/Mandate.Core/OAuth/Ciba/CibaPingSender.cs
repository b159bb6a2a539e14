using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Fetching;
using Mandate.Core.Security;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// Ping mode (CIBA section 10.2): once a request is decided (approved, denied, or expired), POST
/// <c>{"auth_req_id": ...}</c> to the client's registered notification endpoint with its client_notification_token as
/// a bearer token, through the SSRF guard. Each request is claimed before it is sent, so it is pinged at most once,
/// even with several instances; a failed ping is logged and not retried (the client may still poll).
/// </summary>
public sealed class CibaPingSender(
    ICibaRequestStore store,
    IClientStore clients,
    ISecretProtector protector,
    IOutboundPoster poster,
    TimeProvider time,
    ILogger<CibaPingSender> logger)
{
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var request in await store.ListUnnotifiedPingsAsync(cancellationToken))
        {
            if (!await store.MarkNotifiedAsync(request.ApprovalId, time.GetUtcNow(), cancellationToken))
            {
                continue;
            }

            if (await SendAsync(request, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendAsync(CibaRequest request, CancellationToken cancellationToken)
    {
        var client = await clients.FindAsync(request.ClientId, cancellationToken);
        if (client?.BackchannelClientNotificationEndpoint is not { } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            CibaLog.PingFailed(logger, request.ApprovalId, request.ClientId, "the client has no notification endpoint");
            return false;
        }

        var token = request.ProtectedNotificationToken is { } t ? protector.Unprotect(t) : null;
        var authReqId = request.ProtectedAuthReqId is { } a ? protector.Unprotect(a) : null;
        if (token is null || authReqId is null)
        {
            CibaLog.PingFailed(logger, request.ApprovalId, request.ClientId, "the stored values cannot be decrypted");
            return false;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_req_id", authReqId);
            writer.WriteEndObject();
        }

        var result = await poster.PostJsonAsync(uri, buffer.ToArray(), [new("Authorization", "Bearer " + token)], cancellationToken);
        if (result.Success)
        {
            CibaLog.PingDelivered(logger, request.ApprovalId, request.ClientId, result.StatusCode);
        }
        else
        {
            CibaLog.PingFailed(logger, request.ApprovalId, request.ClientId, result.Error ?? "failed");
        }

        return result.Success;
    }
}
