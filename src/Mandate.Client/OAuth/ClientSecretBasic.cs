using System.Net.Http.Headers;
using System.Text;

namespace Mandate.Client.OAuth;

/// <summary>
/// <c>client_secret_basic</c> (RFC 6749 §2.3.1): <c>Authorization: Basic base64(urlencode(id) ":" urlencode(secret))</c>.
/// </summary>
public sealed class ClientSecretBasic : ClientAuthentication
{
    private readonly string secret;

    /// <summary>Creates the credentials.</summary>
    /// <param name="clientId">The client's <c>client_id</c>.</param>
    /// <param name="clientSecret">The client's secret.</param>
    public ClientSecretBasic(string clientId, string clientSecret)
        : base(clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        secret = clientSecret;
    }

    internal override IEnumerable<string> Apply(HttpRequestMessage request, ICollection<KeyValuePair<string, string>> form, string tokenEndpoint)
    {
        var pair = Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(secret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        return [secret];
    }

    /// <summary>Names the method and client, not the secret.</summary>
    /// <returns>A description without the secret.</returns>
    public override string ToString() => $"client_secret_basic ({ClientId})";
}
