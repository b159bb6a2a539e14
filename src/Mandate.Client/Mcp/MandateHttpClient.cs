using Mandate.Client.Dpop;
using Mandate.Client.Tokens;

namespace Mandate.Client.Mcp;

/// <summary>
/// Builds the <see cref="HttpClient"/> an agent calls protected resources with: <see cref="AccessTokenHandler"/>
/// (attaches the current token, DPoP or Bearer), then <see cref="DpopHandler"/> when the agent has a key (proofs, with
/// <c>ath</c> and nonce retry), then the network.
/// </summary>
public static class MandateHttpClient
{
    /// <summary>Creates the client.</summary>
    /// <param name="tokens">Where access tokens come from (for instance <c>TokenExchangeClient.CreateTokenProvider</c>).</param>
    /// <param name="dpopKey">The agent's DPoP key, or null for Bearer tokens only. Not disposed with the client.</param>
    /// <param name="innerHandler">The handler that sends requests; a new <see cref="SocketsHttpHandler"/> when null. Disposed with the client.</param>
    /// <param name="dpopOptions">Clock and Bearer upgrade for the DPoP handler.</param>
    /// <returns>The client; dispose it when done.</returns>
    public static HttpClient Create(IAccessTokenProvider tokens, DpopKey? dpopKey = null, HttpMessageHandler? innerHandler = null, DpopHandlerOptions? dpopOptions = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var network = innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        HttpMessageHandler next = dpopKey is null ? network : new DpopHandler(dpopKey, network, dpopOptions);
        return new HttpClient(new AccessTokenHandler(tokens, next), disposeHandler: true);
    }

    /// <summary>Creates the client (see <see cref="Create"/>) for the tokens of this provider.</summary>
    /// <param name="tokens">Where access tokens come from.</param>
    /// <param name="dpopKey">The agent's DPoP key, or null for Bearer tokens only.</param>
    /// <returns>The client; dispose it when done.</returns>
    public static HttpClient CreateHttpClient(this IAccessTokenProvider tokens, DpopKey? dpopKey = null) => Create(tokens, dpopKey);
}
