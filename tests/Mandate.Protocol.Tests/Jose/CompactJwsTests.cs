using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Tests.Jose;

public class CompactJwsTests
{
    [Fact]
    public void Create_WritesAlgTypKid()
    {
        using var key = EcdsaJwsKey.Generate("k1");
        var parts = CompactJws.TryParse(CompactJws.Create(key, "at+jwt", w => w.WriteString("sub", "a")))!;

        Assert.Equal("ES256", parts.Algorithm);
        Assert.Equal("at+jwt", parts.Type);
        Assert.Equal("k1", parts.KeyId);
        Assert.Equal("a", parts.GetClaim("sub"));
        Assert.True(parts.VerifyWith(key));
    }

    [Fact]
    public void Create_WithHeaderMembers_WritesThemAndLeavesKidOutWhenAsked()
    {
        using var key = Ed25519JwsKey.Generate("k2");
        var parts = CompactJws.TryParse(CompactJws.Create(key, "x+jwt", includeKeyId: false, w => w.WriteString("extra", "v"), w => w.WriteNumber("n", 1)))!;

        Assert.Null(parts.KeyId);
        Assert.Equal("v", parts.Header.GetProperty("extra").GetString());
        Assert.Equal(1, parts.GetNumericClaim("n"));
        Assert.True(parts.VerifyWith(key));
    }
}
