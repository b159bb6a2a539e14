using PkceHelper = Mandate.Protocol.Pkce.Pkce;

namespace Mandate.Protocol.Tests.Pkce;

public class PkceTests
{
    // RFC 7636 Appendix B.
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void ComputeS256Challenge_RfcAppendixBVerifier_ReturnsRfcChallenge()
    {
        Assert.Equal(RfcChallenge, PkceHelper.ComputeS256Challenge(RfcVerifier));
    }

    [Fact]
    public void VerifyS256_RfcAppendixBPair_ReturnsTrue()
    {
        Assert.True(PkceHelper.VerifyS256(RfcVerifier, RfcChallenge));
    }

    [Fact]
    public void VerifyS256_OtherValidVerifier_ReturnsFalse()
    {
        var other = "e" + RfcVerifier[1..];
        Assert.True(PkceHelper.IsValidVerifier(other));
        Assert.False(PkceHelper.VerifyS256(other, RfcChallenge));
    }

    [Fact]
    public void VerifyS256_ChallengeWithOneCharChanged_ReturnsFalse()
    {
        var tampered = "F" + RfcChallenge[1..];
        Assert.False(PkceHelper.VerifyS256(RfcVerifier, tampered));
    }

    [Fact]
    public void VerifyS256_ChallengeWithNonZeroSpareBits_ReturnsFalse()
    {
        // 'M' (12) and 'N' (13) decode to the same 32 bytes; only 'M' has zero spare bits.
        var sloppy = RfcChallenge[..^1] + "N";
        Assert.False(PkceHelper.VerifyS256(RfcVerifier, sloppy));
    }

    [Theory]
    [InlineData(null, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")]
    [InlineData("", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")]
    [InlineData("short", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", null)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM")]
    public void VerifyS256_InvalidInput_ReturnsFalseWithoutThrowing(string? verifier, string? challenge)
    {
        Assert.False(PkceHelper.VerifyS256(verifier!, challenge!));
    }

    [Theory]
    [InlineData(43)]
    [InlineData(64)]
    [InlineData(128)]
    public void IsValidVerifier_AllowedLength_ReturnsTrue(int length)
    {
        Assert.True(PkceHelper.IsValidVerifier(new string('a', length)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(129)]
    public void IsValidVerifier_LengthOutOfRange_ReturnsFalse(int length)
    {
        Assert.False(PkceHelper.IsValidVerifier(new string('a', length)));
    }

    [Fact]
    public void IsValidVerifier_AllUnreservedCharacters_ReturnsTrue()
    {
        Assert.True(PkceHelper.IsValidVerifier("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"));
    }

    [Theory]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData(' ')]
    [InlineData('%')]
    [InlineData('é')]
    public void IsValidVerifier_DisallowedCharacter_ReturnsFalse(char bad)
    {
        Assert.False(PkceHelper.IsValidVerifier(new string('a', 42) + bad));
    }

    [Fact]
    public void IsValidVerifier_Null_ReturnsFalse()
    {
        Assert.False(PkceHelper.IsValidVerifier(null));
    }

    [Fact]
    public void IsValidChallenge_RfcChallenge_ReturnsTrue()
    {
        Assert.True(PkceHelper.IsValidChallenge(RfcChallenge));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMA")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw.cM")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw/cM")]
    public void IsValidChallenge_Malformed_ReturnsFalse(string? challenge)
    {
        Assert.False(PkceHelper.IsValidChallenge(challenge));
    }

    [Fact]
    public void ComputeS256Challenge_InvalidVerifier_Throws()
    {
        Assert.Throws<ArgumentException>(() => PkceHelper.ComputeS256Challenge("too-short"));
    }

    [Fact]
    public void ComputeS256Challenge_ValidVerifier_ProducesValidChallengeThatVerifies()
    {
        var verifier = new string('~', 128);
        var challenge = PkceHelper.ComputeS256Challenge(verifier);
        Assert.True(PkceHelper.IsValidChallenge(challenge));
        Assert.True(PkceHelper.VerifyS256(verifier, challenge));
    }
}
