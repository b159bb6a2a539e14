using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Core.Security;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Dpop;

public sealed class DpopNoncesTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MandateOptions options = new() { Dpop = new DpopOptions { NonceLifetime = TimeSpan.FromMinutes(5) } };

    private DpopNonces Nonces(byte[]? secret = null) =>
        new(ServerSecret.FromBytes(secret ?? Secret), Microsoft.Extensions.Options.Options.Create(options), time);

    [Fact]
    public void Current_IsStableWithinAPeriod_AndChangesWithTheNext()
    {
        var nonces = Nonces();
        var first = nonces.Current();

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(first, nonces.Current());
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEqual(first, nonces.Current());
    }

    [Fact]
    public void Accepted_HoldsTheCurrentAndThePreviousPeriodOnly()
    {
        var nonces = Nonces();
        var old = nonces.Current();

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(old, nonces.Accepted());
        Assert.Contains(nonces.Current(), nonces.Accepted());

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(old, nonces.Accepted());
    }

    [Fact]
    public void InstancesSharingTheSecret_IssueAndAcceptTheSameNonces()
    {
        Assert.Equal(Nonces().Current(), Nonces([.. Secret]).Current());
        Assert.Equal(Nonces().Accepted(), Nonces([.. Secret]).Accepted());
    }

    [Fact]
    public void AnotherSecret_GivesOtherNonces()
    {
        var other = Secret.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.NotEqual(Nonces().Current(), Nonces(other).Current());
    }

    [Fact]
    public void Nonce_UsesOnlyNonceCharacters() => Assert.True(ScopeParser.IsValidToken(Nonces().Current()));

    [Fact]
    public void FileSecret_IsMadeOnceOwnerOnly_AndReadBackTheSame()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mandate-secret-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "secrets", "server-secret");
            var first = ServerSecret.FromFile(path).DeriveKey("x");
            var second = ServerSecret.FromFile(path).DeriveKey("x");

            Assert.Equal(first, second);
            Assert.NotEqual(first, ServerSecret.FromFile(path).DeriveKey("y"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Single(Directory.GetFiles(Path.Combine(dir, "secrets")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
