using Mandate.Client.Dpop;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Mandate.Client.Mcp;

/// <summary>
/// Hands a Mandate-wired <see cref="HttpClient"/> to the MCP C# SDK: an <see cref="HttpClientTransport"/> speaking
/// Streamable HTTP to one MCP endpoint (a gateway upstream such as <c>{issuer}/mcp/demo</c>), every request carrying
/// the agent's token and, with a key, its DPoP proof. Pass the transport to <see cref="McpClient.CreateAsync"/>.
/// </summary>
public static class McpTransportExtensions
{
    /// <summary>A transport over <paramref name="httpClient"/> (built with <see cref="MandateHttpClient.Create"/>).</summary>
    /// <param name="httpClient">The client whose handlers attach tokens and proofs.</param>
    /// <param name="endpoint">The MCP endpoint.</param>
    /// <param name="ownsHttpClient">Whether disposing the transport disposes <paramref name="httpClient"/>.</param>
    /// <param name="loggerFactory">Logging for the transport, or null.</param>
    /// <returns>The transport; dispose it when done.</returns>
    public static HttpClientTransport CreateMcpTransport(this HttpClient httpClient, Uri endpoint, bool ownsHttpClient = false, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            // Mandate's gateway speaks Streamable HTTP only; auto-detection would turn a refusal into an SSE attempt.
            TransportMode = HttpTransportMode.StreamableHttp,
        };
        return new HttpClientTransport(options, httpClient, loggerFactory, ownsHttpClient);
    }

    /// <summary>
    /// A transport to <paramref name="endpoint"/> with its own <see cref="HttpClient"/> (see
    /// <see cref="MandateHttpClient.Create"/>), disposed with the transport.
    /// </summary>
    /// <param name="tokens">Where access tokens come from.</param>
    /// <param name="endpoint">The MCP endpoint.</param>
    /// <param name="dpopKey">The agent's DPoP key, or null for Bearer tokens only. Not disposed with the transport.</param>
    /// <param name="loggerFactory">Logging for the transport, or null.</param>
    /// <returns>The transport; dispose it when done.</returns>
    public static HttpClientTransport CreateMcpTransport(this IAccessTokenProvider tokens, Uri endpoint, DpopKey? dpopKey = null, ILoggerFactory? loggerFactory = null)
    {
        var httpClient = MandateHttpClient.Create(tokens, dpopKey);
        try
        {
            return httpClient.CreateMcpTransport(endpoint, ownsHttpClient: true, loggerFactory);
        }
        catch
        {
            httpClient.Dispose();
            throw;
        }
    }
}
