using Mandate.Core.Clients;

namespace Mandate.Core.Tests.Clients;

public sealed class ClientSecretsTests
{
    [Fact]
    public void Generate_Has256BitsUrlSafe()
    {
        var secret = ClientSecrets.Generate();

        Assert.Equal(43, secret.Length);
        Assert.All(secret, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.NotEqual(secret, ClientSecrets.Generate());
    }

    [Fact]
    public void Verify_MatchingSecret_True()
    {
        var secret = ClientSecrets.Generate();

        Assert.True(ClientSecrets.Verify(secret, ClientSecrets.Hash(secret)));
    }

    [Fact]
    public void Verify_OtherSecret_False()
    {
        Assert.False(ClientSecrets.Verify(ClientSecrets.Generate(), ClientSecrets.Hash(ClientSecrets.Generate())));
    }

    [Fact]
    public void Verify_NoStoredHash_False()
    {
        Assert.False(ClientSecrets.Verify("anything", null));
    }

    [Fact]
    public void Verify_EmptyOrOverlongPresented_False()
    {
        var huge = new string('a', 513);

        Assert.False(ClientSecrets.Verify(string.Empty, ClientSecrets.Hash(string.Empty)));
        Assert.False(ClientSecrets.Verify(huge, ClientSecrets.Hash(huge)));
    }
}
