using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Core.Tests.Support;

public sealed record PkcePair(string Verifier, string Challenge)
{
    public static PkcePair Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new PkcePair(verifier, Protocol.Pkce.Pkce.ComputeS256Challenge(verifier));
    }
}
