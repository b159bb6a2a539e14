using System.Text;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Providers;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Tests.Vault;

public sealed class ProviderDpopKeyTests
{
    [Fact]
    public void AConnectionsKey_SurvivesTheSealedCredential_AndStillSignsProofsForTheSameThumbprint()
    {
        using var key = ProviderDpopKey.Create();
        var stored = new StoredCredential { AccessToken = "at", TokenType = "DPoP", DpopKey = ProviderDpopKey.ToPrivateJwk(key) };

        var read = StoredCredential.FromJson(stored.ToJson())!;
        using var again = ProviderDpopKey.FromPrivateJwk(read.DpopKey)!;
        var proof = new DpopProofBuilder(again).Create("POST", "https://provider.example/token");
        var result = new DpopProofValidator().Validate(proof, new DpopProofContext("POST", "https://provider.example/token"), DateTimeOffset.UtcNow);

        Assert.Equal("ES256", again.Algorithm);
        Assert.True(result.IsValid, result.Error?.Description);
        Assert.Equal(JwkThumbprint.Compute(key), result.Thumbprint);
        Assert.DoesNotContain(read.DpopKey!, read.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}")]
    public void ANonSigningOrBrokenJwk_IsNoKey(string? jwk)
    {
        Assert.Null(ProviderDpopKey.FromPrivateJwk(jwk));
    }

    [Fact]
    public void APrivateJwk_HoldsThePrivateScalar()
    {
        using var key = ProviderDpopKey.Create();

        Assert.Contains("\"d\":", ProviderDpopKey.ToPrivateJwk(key), StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(ProviderDpopKey.ToPrivateJwk(key)) < 512);
    }
}
