using Mandate.Core.Tokens;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Dpop;

/// <summary>DPoP-bound tokens and calls through the gateway for the DPoP tests.</summary>
internal static class DpopCalls
{
    public static IssuedAccessToken BoundToken(GatewayFixture fixture, string upstream, JwsKey key, string scope = "mcp:read") =>
        fixture.Server.Services.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = "usr_dpop",
            ClientId = "client_dpop",
            Resource = fixture.ResourceUri(upstream),
            Scopes = scope.Split(' '),
            DpopJkt = JwkThumbprint.Compute(key),
        });

    /// <summary>POSTs with Authorization: DPoP and the given proofs (none, one, or several DPoP headers).</summary>
    public static Task<HttpResponseMessage> PostAsync(string url, string token, string json, params string[] proofs)
    {
        var request = McpHttp.Request(HttpMethod.Post, url, null, json, null, ("Authorization", "DPoP " + token));
        foreach (var proof in proofs)
        {
            request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, proof);
        }

        return McpHttp.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static string Proof(JwsKey key, string url, string token, string method = "POST", string? nonce = null) =>
        new DpopProofBuilder(key).Create(method, url, token, nonce);

    public static string Challenge(HttpResponseMessage response) => string.Join(" | ", response.Headers.GetValues("WWW-Authenticate"));
}
