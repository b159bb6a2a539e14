using System.Net.Http.Headers;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Dpop;

namespace Mandate.Interop.Tests.Vault;

/// <summary>Calls oidc-provider's userinfo endpoint (its protected API) with a stored token: as a bearer token, or with a DPoP proof of the connection's key.</summary>
internal static class ProviderUserInfo
{
    private static readonly HttpClient Http = new();

    public static async Task<HttpResponseMessage> BearerAsync(string issuer, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, issuer + "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Http.SendAsync(request);
    }

    /// <summary>RFC 9449 §7: <c>Authorization: DPoP</c> and a proof signed with the private JWK Mandate keeps for the connection; answers one nonce challenge.</summary>
    public static async Task<HttpResponseMessage> DpopAsync(string issuer, string accessToken, string privateJwk, string? nonce = null)
    {
        using var key = ProviderDpopKey.FromPrivateJwk(privateJwk) ?? throw new InvalidOperationException("Not a private JWK.");
        using var request = new HttpRequestMessage(HttpMethod.Get, issuer + "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", accessToken);
        request.Headers.Add("DPoP", new DpopProofBuilder(key).Create("GET", issuer + "/me", accessToken, nonce));
        var response = await Http.SendAsync(request);
        if (nonce is null && response.Headers.TryGetValues("DPoP-Nonce", out var nonces) && response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            return await DpopAsync(issuer, accessToken, privateJwk, nonces.First());
        }

        return response;
    }
}
