using System.Text.Json;
using Mandate.Core.Approvals;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>The client's side of CIBA over plain HTTP, and the person's side through the server's ApprovalService.</summary>
public static class CibaHttp
{
    public static Task<HttpResponseMessage> StartAsync(string issuer, string clientId, string secret, params (string Name, string Value)[] fields) =>
        OAuthHttp.PostFormAsync(issuer + "/bc-authorize", fields, OAuthHttp.Basic(clientId, secret));

    /// <summary>A request for alice; <paramref name="extra"/> adds fields or replaces the defaults of the same name.</summary>
    public static (string Name, string Value)[] Request(params (string Name, string Value)[] extra)
    {
        (string Name, string Value)[] defaults = [("login_hint", "alice"), ("scope", "openid tools.read"), ("resource", TestFlow.Resource), ("binding_message", "W7-K2")];
        return [.. defaults.Where(d => extra.All(e => e.Name != d.Name)), .. extra];
    }

    public static async Task<string> AuthReqIdAsync(string issuer, string clientId, string secret, params (string Name, string Value)[] extra)
    {
        var response = await StartAsync(issuer, clientId, secret, Request(extra));
        var body = await OAuthHttp.JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("auth_req_id").GetString()!;
    }

    public static Task<HttpResponseMessage> PollAsync(string issuer, string clientId, string secret, string authReqId) =>
        OAuthHttp.TokenAsync(issuer, OAuthHttp.Basic(clientId, secret), ("grant_type", "urn:openid:params:grant-type:ciba"), ("auth_req_id", authReqId));

    /// <summary>The person's pending approval request from this client (the newest).</summary>
    public static async Task<ApprovalRequest> PendingAsync(IServiceProvider services, string clientId)
    {
        var pending = await services.GetRequiredService<ApprovalService>().ListPendingAsync(null, CancellationToken.None);
        return pending.Last(r => r.ClientId == clientId);
    }

    public static Task<bool> DecideAsync(IServiceProvider services, string id, bool approve, string subject) =>
        services.GetRequiredService<ApprovalService>().DecideAsync(id, "console:alice", approve, subject, CancellationToken.None);

    public static JsonElement Claims(JsonElement tokens) => Par.ParHttp.Claims(tokens);
}
