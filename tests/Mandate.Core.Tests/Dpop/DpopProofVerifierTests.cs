using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Core.Security;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Dpop;

public sealed class DpopProofVerifierTests : IDisposable
{
    private const string Url = "https://as.example.com/token";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MandateOptions options = new();
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("k");
    private readonly DpopProofVerifier verifier;
    private readonly DpopNonces nonces;

    public DpopProofVerifierTests()
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        nonces = new DpopNonces(ServerSecret.FromBytes(new byte[32]), wrapped, time);
        verifier = new DpopProofVerifier(nonces, new InMemoryReplayCache(time), wrapped, time, NullLogger<DpopProofVerifier>.Instance);
    }

    public void Dispose() => key.Dispose();

    private string Proof(string jti = "jti-1", string? nonce = null, JwsKey? with = null) =>
        DpopProofBuilder.Create(with ?? key, new DpopProofClaims("POST", Url, time.GetUtcNow(), jti) { Nonce = nonce });

    private ValueTask<DpopVerification> VerifyAsync(params string?[] headers) => verifier.VerifyAsync(headers, "POST", Url, null, CancellationToken.None);

    [Fact]
    public async Task NoHeader_IsAbsent_NotAnError()
    {
        var result = await VerifyAsync();

        Assert.False(result.Presented);
        Assert.Null(result.Error);
        Assert.Null(result.Thumbprint);
    }

    [Fact]
    public async Task ValidProof_GivesTheThumbprint()
    {
        var result = await VerifyAsync(Proof());

        Assert.Equal(JwkThumbprint.Compute(key), result.Thumbprint);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task TwoHeaders_AreRefused()
    {
        var result = await VerifyAsync(Proof("a"), Proof("b"));

        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, result.Error!.Error);
    }

    [Fact]
    public async Task ReplayedProof_IsRefused()
    {
        var proof = Proof();
        Assert.NotNull((await VerifyAsync(proof)).Thumbprint);

        time.Advance(TimeSpan.FromSeconds(30));
        var replay = await VerifyAsync(proof);

        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, replay.Error!.Error);
        Assert.Contains("already used", replay.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameJtiFromAnotherKey_IsNotAReplay()
    {
        using var other = EcdsaJwsKey.Generate("other");
        Assert.NotNull((await VerifyAsync(Proof("shared"))).Thumbprint);

        Assert.NotNull((await VerifyAsync(Proof("shared", with: other))).Thumbprint);
    }

    [Fact]
    public async Task ProofRefusedForItsNonce_IsNotRemembered_SoTheClientMayRetry()
    {
        options.Dpop.RequireNonce = true;
        var first = await VerifyAsync(Proof("j"));
        Assert.True(first.NonceRequested);

        Assert.NotNull((await VerifyAsync(Proof("j", nonce: verifier.CurrentNonce()))).Thumbprint);
    }

    [Fact]
    public async Task NonceRequired_MissingOrStale_AsksForOne_CurrentAndPreviousAccepted()
    {
        options.Dpop.RequireNonce = true;
        var old = verifier.CurrentNonce();

        Assert.Equal(OAuthErrorCodes.UseDpopNonce, (await VerifyAsync(Proof("1"))).Error!.Error);
        Assert.Equal(OAuthErrorCodes.UseDpopNonce, (await VerifyAsync(Proof("2", nonce: "made-up"))).Error!.Error);
        Assert.NotNull((await VerifyAsync(Proof("3", nonce: old))).Thumbprint);

        time.Advance(options.Dpop.NonceLifetime);
        Assert.NotNull((await VerifyAsync(Proof("4", nonce: old))).Thumbprint);

        time.Advance(options.Dpop.NonceLifetime);
        Assert.Equal(OAuthErrorCodes.UseDpopNonce, (await VerifyAsync(Proof("5", nonce: old))).Error!.Error);
        Assert.NotNull((await VerifyAsync(Proof("6", nonce: verifier.CurrentNonce()))).Thumbprint);
    }

    [Fact]
    public async Task ConfiguredAlgorithms_AreTheOnlyOnesAccepted()
    {
        options.Dpop.AllowedAlgorithms = ["EdDSA"];
        var restricted = new DpopProofVerifier(nonces, new InMemoryReplayCache(time), Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<DpopProofVerifier>.Instance);

        Assert.Equal(["EdDSA"], restricted.Algorithms);
        Assert.Equal(OAuthErrorCodes.InvalidDpopProof, (await restricted.VerifyAsync([Proof()], "POST", Url, null, CancellationToken.None)).Error!.Error);
    }

    [Fact]
    public void DefaultAlgorithms_AreEverySupportedOne() =>
        Assert.Equal(["ES256", "EdDSA", "Ed25519", "PS256", "RS256"], verifier.Algorithms);
}
