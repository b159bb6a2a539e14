using System.Globalization;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Fetching;
using Mandate.Core.Security;
using Mandate.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Approvals;

/// <summary>
/// Posts each new approval request to Approvals:WebhookUrl (through the SSRF guard), signed with Approvals:WebhookSecret
/// by the Standard Webhooks scheme (<see cref="WebhookSignature"/>). The payload names the request and the person and
/// links to the Approvals page; it never carries tool arguments (only their digest) or credentials. Does nothing
/// when no URL is configured.
/// </summary>
public sealed partial class WebhookApprovalNotifier(
    IOutboundPoster poster,
    IUserStore users,
    IClientStore clients,
    IOptions<MandateOptions> options,
    TimeProvider time,
    ILogger<WebhookApprovalNotifier> logger) : IApprovalNotifier
{
    public const string EventType = "approval.requested";

    public async Task NotifyAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Approvals.WebhookUrl) || settings.Approvals.WebhookSecret is not { } secret)
        {
            return;
        }

        var user = await users.FindByIdAsync(request.Subject, cancellationToken);
        var client = await clients.FindAsync(request.ClientId, cancellationToken);
        var body = Payload(request, user?.Username, client?.Name, settings.Issuer);
        var messageId = "msg_" + RandomTokens.Create(16);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(WebhookSignature.Key(secret), messageId, timestamp, body);
        var result = await poster.PostJsonAsync(new Uri(settings.Approvals.WebhookUrl), body,
            [new("webhook-id", messageId), new("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture)), new("webhook-signature", signature)],
            cancellationToken);
        if (!result.Success)
        {
            LogFailed(logger, request.Id, result.Error ?? "failed");
        }
    }

    public static byte[] Payload(ApprovalRequest request, string? username, string? clientName, string issuer)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", EventType);
            w.WriteString("id", request.Id);
            w.WriteString("kind", request.Kind == ApprovalKind.Ciba ? "ciba" : "tool_call");
            w.WriteString("subject", request.Subject);
            WriteOptional(w, "username", username);
            w.WriteString("client_id", request.ClientId);
            WriteOptional(w, "client_name", clientName);
            WriteOptional(w, "binding_message", request.BindingMessage);
            WriteOptional(w, "scope", request.Scope);
            WriteOptional(w, "upstream", request.Upstream);
            WriteOptional(w, "tool", request.Tool);
            WriteOptional(w, "arguments_digest", request.ArgumentsDigest);
            w.WriteBoolean("has_mandate", request.AuthorizationDetails is not null);
            w.WriteNumber("created_at", request.CreatedAt.ToUnixTimeSeconds());
            w.WriteNumber("expires_at", request.ExpiresAt.ToUnixTimeSeconds());
            w.WriteString("approve_url", issuer + "/approvals");
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Approval webhook for request {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);
}
