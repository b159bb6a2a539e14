using System.Security.Cryptography;
using Mandate.Protocol.Pkce;

namespace Mandate.Testing;

public sealed record PkcePair(string Verifier, string Challenge)
{
    public static PkcePair Create()
    {
        var verifier = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new PkcePair(verifier, Pkce.ComputeS256Challenge(verifier));
    }
}
