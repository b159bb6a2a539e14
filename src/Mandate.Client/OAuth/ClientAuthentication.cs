namespace Mandate.Client.OAuth;

/// <summary>
/// How a client authenticates at the token endpoint (RFC 6749 §2.3): <see cref="ClientSecretBasic"/>,
/// <see cref="ClientSecretPost"/> or <see cref="PrivateKeyJwt"/> (RFC 7523, preferred: no shared secret).
/// </summary>
public abstract class ClientAuthentication
{
    private protected ClientAuthentication(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ClientId = clientId;
    }

    /// <summary>The client's <c>client_id</c>.</summary>
    public string ClientId { get; }

    /// <summary>Adds the credentials to a token request.</summary>
    /// <param name="request">The HTTP request (for header-based methods).</param>
    /// <param name="form">The form fields (for body-based methods).</param>
    /// <param name="tokenEndpoint">The token endpoint URL (the audience of client assertions).</param>
    /// <returns>Secrets the request now carries, to be cut out of any error text.</returns>
    internal abstract IEnumerable<string> Apply(HttpRequestMessage request, ICollection<KeyValuePair<string, string>> form, string tokenEndpoint);
}
