using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.LoadHarness.Minting;

/// <summary>A fresh RFC 7636 S256 verifier/challenge pair.</summary>
internal sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge);
    }
}
