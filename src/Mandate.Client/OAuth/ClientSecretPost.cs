namespace Mandate.Client.OAuth;

/// <summary><c>client_secret_post</c> (RFC 6749 §2.3.1): <c>client_id</c> and <c>client_secret</c> in the request body.</summary>
public sealed class ClientSecretPost : ClientAuthentication
{
    private readonly string secret;

    /// <summary>Creates the credentials.</summary>
    /// <param name="clientId">The client's <c>client_id</c>.</param>
    /// <param name="clientSecret">The client's secret.</param>
    public ClientSecretPost(string clientId, string clientSecret)
        : base(clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        secret = clientSecret;
    }

    internal override IEnumerable<string> Apply(HttpRequestMessage request, ICollection<KeyValuePair<string, string>> form, string tokenEndpoint)
    {
        form.Add(new("client_id", ClientId));
        form.Add(new("client_secret", secret));
        return [secret];
    }

    /// <summary>Names the method and client, not the secret.</summary>
    /// <returns>A description without the secret.</returns>
    public override string ToString() => $"client_secret_post ({ClientId})";
}
