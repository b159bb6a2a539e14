using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Keys;

public sealed class KeyRingTests : IDisposable
{
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan Prepublish = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "mandate-keys-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(CoreHarness.Start);
    private readonly MandateOptions options = new();
    private readonly List<KeyRing> rings = [];

    public KeyRingTests()
    {
        options.Tokens.KeyRotationInterval = Rotation;
        options.Tokens.AccessTokenLifetime = Lifetime;
    }

    public void Dispose()
    {
        rings.ForEach(r => r.Dispose());
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Refresh_EmptyStore_CreatesOneSigningKey()
    {
        var ring = await RefreshedAsync();

        Assert.Single(Files());
        Assert.Equal([ring.SigningKey.KeyId], JwksKeyIds(ring));
        Assert.Equal("ES256", ring.SigningKey.Algorithm);
        Assert.True(ring.SigningKey.CanSign);
    }

    [Fact]
    public void SigningKey_BeforeFirstRefresh_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => NewRing().SigningKey);
    }

    [Fact]
    public async Task Refresh_AgainOrInAnotherProcess_KeepsTheStoredKey()
    {
        var first = await RefreshedAsync();
        await first.RefreshAsync(CancellationToken.None);
        var other = await RefreshedAsync();

        Assert.Single(Files());
        Assert.Equal(first.SigningKey.KeyId, other.SigningKey.KeyId);
    }

    [Fact]
    public async Task Rotation_FullCycle_PublishesAheadSwitchesThenRetires()
    {
        var ring = await RefreshedAsync();
        var old = ring.SigningKey.KeyId;

        time.Advance(Rotation - Prepublish - TimeSpan.FromSeconds(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([old], JwksKeyIds(ring));

        time.Advance(TimeSpan.FromSeconds(1));
        await ring.RefreshAsync(CancellationToken.None);
        var next = Assert.Single(JwksKeyIds(ring), id => id != old);
        Assert.Equal(old, ring.SigningKey.KeyId);
        Assert.NotNull(ring.FindVerificationKey(next));

        time.Advance(Prepublish);
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal(next, ring.SigningKey.KeyId);
        Assert.Contains(old, JwksKeyIds(ring));
        Assert.NotNull(ring.FindVerificationKey(old));

        time.Advance(Lifetime + Margin);
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Contains(old, JwksKeyIds(ring));

        time.Advance(TimeSpan.FromSeconds(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next], JwksKeyIds(ring));
        Assert.Null(ring.FindVerificationKey(old));
        Assert.Equal([next + ".json"], Files().Select(Path.GetFileName));
    }

    [Fact]
    public async Task Rotation_EachKeyCreatedAndRetired_IsALedgerEvent_NamingTheKeyIdOnly()
    {
        var audit = new Fakes.RecordingAuditSink();
        var ring = new KeyRing(new FileSigningKeyStore(directory), Options.Create(options), time, NullLogger<KeyRing>.Instance, audit);
        rings.Add(ring);
        await ring.RefreshAsync(CancellationToken.None);
        var old = ring.SigningKey.KeyId;

        time.Advance(Rotation);
        await ring.RefreshAsync(CancellationToken.None);
        time.Advance(Prepublish + Lifetime + Margin + TimeSpan.FromSeconds(1));
        await ring.RefreshAsync(CancellationToken.None);

        Assert.Equal(["key.created", "key.created", "key.retired"], audit.Events.Select(e => e.Kind));
        Assert.Contains(old, audit.Events.Last().Reason, StringComparison.Ordinal);
        Assert.All(audit.Events, e => Assert.Matches(@"^key [0-9]{8}-[A-Za-z0-9_-]+: [^{}]+$", e.Reason));
    }

    [Fact]
    public async Task Rotation_PendingKeyExists_NoSecondPendingKey()
    {
        var ring = await RefreshedAsync();
        time.Advance(Rotation - TimeSpan.FromMinutes(30));
        await ring.RefreshAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));
        await ring.RefreshAsync(CancellationToken.None);

        Assert.Equal(2, Files().Count);
    }

    [Fact]
    public async Task Rotation_ShortInterval_PrepublishesAQuarterAhead()
    {
        options.Tokens.KeyRotationInterval = TimeSpan.FromHours(2);
        var ring = await RefreshedAsync();

        time.Advance(TimeSpan.FromMinutes(89));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Single(JwksKeyIds(ring));

        time.Advance(TimeSpan.FromMinutes(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal(2, JwksKeyIds(ring).Count);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS256")]
    [InlineData("EdDSA")]
    public async Task SigningKey_EachAlgorithm_SignsWhatTheVerificationKeyAndTheJwksVerify(string algorithm)
    {
        options.Tokens.SigningAlgorithm = algorithm;
        var ring = await RefreshedAsync();

        var token = CompactJws.Create(ring.SigningKey, "at+jwt", w => w.WriteString("sub", "x"));
        var parts = CompactJws.TryParse(token)!;

        Assert.Equal(algorithm, parts.Algorithm);
        Assert.True(parts.VerifyWith(ring.FindVerificationKey(parts.KeyId)!));
        using var jwks = JsonDocument.Parse(ring.JwksJson);
        var published = Assert.Single(JwkReader.ReadSet(jwks.RootElement));
        Assert.False(published.CanSign);
        Assert.True(parts.VerifyWith(published));
        Assert.DoesNotContain("\"d\"", System.Text.Encoding.UTF8.GetString(ring.JwksJson.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_KeyFilesReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await RefreshedAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Assert.Single(Files())));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public async Task Refresh_AlgorithmChanged_CreatesAKeyOfTheNewKind()
    {
        await RefreshedAsync();
        options.Tokens.SigningAlgorithm = "EdDSA";

        var ring = await RefreshedAsync();

        Assert.Equal("EdDSA", ring.SigningKey.Algorithm);
        Assert.Equal(2, Files().Count);
    }

    [Fact]
    public async Task Refresh_AlgorithmChanged_OldKeyStillVerifiesUntilItsTokensExpire()
    {
        var old = (await RefreshedAsync()).SigningKey.KeyId;
        options.Tokens.SigningAlgorithm = "EdDSA";

        var ring = await RefreshedAsync();

        Assert.NotNull(ring.FindVerificationKey(old));
        Assert.Contains(old, JwksKeyIds(ring));

        time.Advance(Lifetime + Margin + TimeSpan.FromSeconds(1));
        await ring.RefreshAsync(CancellationToken.None);

        Assert.Null(ring.FindVerificationKey(old));
        Assert.Single(Files());
    }

    private KeyRing NewRing()
    {
        var ring = new KeyRing(new FileSigningKeyStore(directory), Options.Create(options), time, NullLogger<KeyRing>.Instance);
        rings.Add(ring);
        return ring;
    }

    private async Task<KeyRing> RefreshedAsync()
    {
        var ring = NewRing();
        await ring.RefreshAsync(CancellationToken.None);
        return ring;
    }

    private List<string> Files() => Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory)] : [];

    private static List<string> JwksKeyIds(KeyRing ring)
    {
        using var document = JsonDocument.Parse(ring.JwksJson);
        return [.. document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
