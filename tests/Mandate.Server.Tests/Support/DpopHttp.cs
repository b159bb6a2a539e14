using System.Net.Http.Headers;
using Mandate.Protocol.Dpop;

namespace Mandate.Server.Tests.Support;

/// <summary>Token requests with DPoP headers.</summary>
public static class DpopHttp
{
    public static async Task<HttpResponseMessage> TokenAsync(string issuer, AuthenticationHeaderValue? authorization, IEnumerable<string> proofs, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/token")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Authorization = authorization;
        foreach (var proof in proofs)
        {
            request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, proof);
        }

        return await OAuthHttp.Client.SendAsync(request);
    }

    public static string Proof(DpopProofBuilder builder, string issuer, string? nonce = null) => builder.Create("POST", issuer + "/token", nonce: nonce);
}
