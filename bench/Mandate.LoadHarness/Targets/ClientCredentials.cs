using System.Net.Http.Headers;
using System.Text;

namespace Mandate.LoadHarness.Targets;

/// <summary>A client identifier with an optional secret (absent for public clients).</summary>
internal sealed record ClientCredentials(string ClientId, string? ClientSecret)
{
    public bool IsPublic => ClientSecret is null;

    /// <summary>client_secret_basic as in RFC 6749 section 2.3.1: both parts form-encoded, then base64.</summary>
    public AuthenticationHeaderValue? BasicAuthorization()
    {
        if (ClientSecret is null)
        {
            return null;
        }

        var pair = $"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }
}
