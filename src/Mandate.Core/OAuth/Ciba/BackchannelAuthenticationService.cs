using Mandate.Core.Approvals;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Mandates;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// The backchannel authentication endpoint's decision (CIBA section 7): validate, create the approval request the
/// person will see, answer with a fresh auth_req_id. The auth_req_id is a 256-bit secret kept only as its hash (and,
/// for ping mode, encrypted, since the callback carries it).
/// </summary>
public sealed class BackchannelAuthenticationService(
    BackchannelRequestValidator validator,
    ApprovalService approvals,
    ICibaRequestStore cibaRequests,
    ISecretProtector protector,
    CibaAudit audit,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    public async Task<CibaStartResult> StartAsync(OAuthClient client, OAuthParameters form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        var validation = await validator.ValidateAsync(client, form, cancellationToken);
        if (validation.Request is not { } request)
        {
            var error = validation.Error!;
            await audit.RecordAsync(CibaAudit.RequestKind, "deny", $"{error.Error}: {error.Description}", client.ClientId, null, null, null, cancellationToken);
            return CibaStartResult.Fail(error);
        }

        var waiting = await approvals.ListPendingAsync(request.User.Id, cancellationToken);
        var max = options.Value.Ciba.MaxPendingPerUser;
        if (waiting.Count(r => r.Kind == ApprovalKind.Ciba && r.ClientId == client.ClientId) >= max)
        {
            var error = OAuthError.AccessDenied($"This client already has {max} requests waiting for this person.");
            await audit.RecordAsync(CibaAudit.RequestKind, "deny", $"{error.Error}: {error.Description}", client.ClientId, request.User.Id, request.Resource, null, cancellationToken);
            return CibaStartResult.Fail(error);
        }

        var now = time.GetUtcNow();
        var expiresAt = now + request.Expiry;
        if (request.Mandate is { } mandate && mandate.ExpiresAt < expiresAt)
        {
            expiresAt = mandate.ExpiresAt;
        }

        var authReqId = RandomTokens.Create(32);
        var approval = new ApprovalRequest
        {
            Id = ApprovalIds.Create(),
            Kind = ApprovalKind.Ciba,
            Subject = request.User.Id,
            ClientId = client.ClientId,
            BindingMessage = request.BindingMessage,
            Scope = request.Scopes.Count > 0 ? ScopeParser.Join(request.Scopes) : null,
            AuthorizationDetails = request.Mandate is { } m ? MandateJson.ToJson(m) : null,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        var interval = options.Value.Ciba.IntervalSeconds;
        await approvals.CreateAsync(approval, cancellationToken);
        await cibaRequests.AddAsync(new CibaRequest
        {
            ApprovalId = approval.Id,
            AuthReqIdHash = TokenHashing.Hash(authReqId),
            ClientId = client.ClientId,
            Resource = request.Resource,
            DeliveryMode = request.DeliveryMode,
            ProtectedNotificationToken = request.NotificationToken is { } token ? protector.Protect(token) : null,
            ProtectedAuthReqId = request.DeliveryMode == CibaDeliveryMode.Ping ? protector.Protect(authReqId) : null,
            IntervalSeconds = interval,
        }, cancellationToken);
        await audit.RecordAsync(CibaAudit.RequestKind, "allow", $"approval {approval.Id} requested ({(request.DeliveryMode == CibaDeliveryMode.Ping ? "ping" : "poll")} mode)", client.ClientId, request.User.Id, request.Resource, null, cancellationToken);
        var expiresIn = (int)Math.Max(1, Math.Floor((expiresAt - now).TotalSeconds));
        return new CibaStartResult(authReqId, expiresIn, request.DeliveryMode == CibaDeliveryMode.Poll ? interval : null, null);
    }
}
