using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Gateway.Authorization;

namespace Mandate.Core.Tests.Gateway.Authorization;

public sealed class TokenDigestTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(2048)]
    [InlineData(5000)]
    public void Of_IsTheSha256OfTheUtf8Token_OnTheStackOrPooledPath(int length)
    {
        var token = new string('é', length / 2) + new string('a', length - (length / 2));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

        var digest = TokenDigest.Of(token);

        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(hash), digest.A);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(24)), digest.D);
        Assert.Equal(digest, TokenDigest.Of(token));
        Assert.NotEqual(digest, TokenDigest.Of(token + "x"));
    }
}
