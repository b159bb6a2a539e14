using System.Security.Cryptography;
using System.Text.Json;
using Mandate.Client.Dpop;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Client.Tests.Support;

namespace Mandate.Client.Tests.Dpop;

public sealed class DpopKeyTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public static TheoryData<string> Algorithms => ["ES256", "EdDSA", "PS256"];

    public static TheoryData<string, DpopKeyFormat> AlgorithmsAndFormats => new()
    {
        { "ES256", DpopKeyFormat.Jwk }, { "EdDSA", DpopKeyFormat.Jwk }, { "PS256", DpopKeyFormat.Jwk },
        { "ES256", DpopKeyFormat.Pem }, { "EdDSA", DpopKeyFormat.Pem }, { "PS256", DpopKeyFormat.Pem },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Generate_ThumbprintIsTheRfc7638ThumbprintOfThePublicJwk_AndTheKid(string algorithm)
    {
        using var key = DpopKey.Generate(algorithm);
        using var publicJwk = JsonDocument.Parse(key.ExportPublicJwk());

        Assert.True(JwkThumbprint.TryCompute(publicJwk.RootElement, out var thumbprint));
        Assert.Equal(thumbprint, key.Thumbprint);
        Assert.Equal(JwkThumbprint.Compute(key.Key), key.Thumbprint);
        Assert.Equal(key.Thumbprint, key.KeyId);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(algorithm, publicJwk.RootElement.GetProperty("alg").GetString());
        Assert.False(publicJwk.RootElement.TryGetProperty("d", out _));
    }

    [Fact]
    public void Generate_DefaultsToES256_AndRefusesOtherAlgorithms()
    {
        using var key = DpopKey.Generate();

        Assert.Equal("ES256", key.Algorithm);
        Assert.Throws<ArgumentException>(() => DpopKey.Generate("HS256"));
        Assert.Throws<ArgumentException>(() => DpopKey.Generate("RS256"));
    }

    [Fact]
    public void TwoGeneratedKeys_Differ()
    {
        using var a = DpopKey.Generate();
        using var b = DpopKey.Generate();

        Assert.NotEqual(a.Thumbprint, b.Thumbprint);
    }

    [Theory]
    [MemberData(nameof(AlgorithmsAndFormats))]
    public void SaveThenLoad_GivesTheSameKey_ThatSignsProofsTheValidatorAccepts(string algorithm, DpopKeyFormat format)
    {
        using var key = DpopKey.Generate(algorithm);
        var path = directory.File("agent.key");

        key.Save(path, format);
        using var loaded = DpopKey.Load(path);

        Assert.Equal(key.Thumbprint, loaded.Thumbprint);
        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.Equal(algorithm, loaded.Algorithm);
        var proof = new DpopProofBuilder(loaded.Key).Create("POST", "https://as.example.com/token");
        var result = new DpopProofValidator().Validate(proof, new DpopProofContext("POST", "https://as.example.com/token"), DateTimeOffset.UtcNow);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(key.Thumbprint, result.Thumbprint);
    }

    [Theory]
    [InlineData(DpopKeyFormat.Jwk)]
    [InlineData(DpopKeyFormat.Pem)]
    public void Save_OnUnix_WritesAFileOnlyItsOwnerCanReadOrWrite(DpopKeyFormat format)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var key = DpopKey.Generate();
        var path = directory.File("agent.key");

        key.Save(path, format);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Save_OverAWorldReadableFile_ReplacesItWithAnOwnerOnlyOne()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = directory.File("agent.key");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var key = DpopKey.Generate();

        key.Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var loaded = DpopKey.Load(path);
        Assert.Equal(key.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void Save_IntoAMissingDirectory_CreatesItOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var key = DpopKey.Generate();
        var path = Path.Combine(directory.Path, "keys", "agent.jwk");

        key.Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(directory.Path, "keys")));
    }

    [Fact]
    public void LoadOrCreate_CreatesTheFileOnce_ThenLoadsTheSameKey()
    {
        var path = directory.File("agent.jwk");

        using var first = DpopKey.LoadOrCreate(path);
        using var second = DpopKey.LoadOrCreate(path, JwsAlgorithms.EdDSA);

        Assert.True(File.Exists(path));
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal("ES256", second.Algorithm);
    }

    [Fact]
    public void PrivateJwk_KeepsItsKidAndAlg()
    {
        using var rsa = RSA.Create(2048);
        using var original = new RsaJwsKey("my-key", rsa, true, JwsAlgorithms.RS256);
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>(ExportPrivateMembers(original)) { ["kid"] = "my-key", ["alg"] = "RS256" });

        using var key = DpopKey.FromJwk(jwk);

        Assert.Equal("my-key", key.KeyId);
        Assert.Equal("RS256", key.Algorithm);
        Assert.Contains("\"kid\": \"my-key\"", key.ExportPrivateJwk(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJwk_WithoutPrivateKey_IsRefused_WithoutEchoingTheKey()
    {
        using var key = DpopKey.Generate();
        var publicJwk = key.ExportPublicJwk();

        var error = Assert.Throws<FormatException>(() => DpopKey.FromJwk(publicJwk));

        Assert.DoesNotContain(JsonDocument.Parse(publicJwk).RootElement.GetProperty("x").GetString()!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"d\":\"x\"}")]
    public void FromJwk_Garbage_IsAFormatException(string text) => Assert.Throws<FormatException>(() => DpopKey.FromJwk(text));

    [Fact]
    public void FromPem_ReadsOpenSslSec1AndPkcs1Keys()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);

        using var fromSec1 = DpopKey.FromPem(ec.ExportECPrivateKeyPem());
        using var fromPkcs1 = DpopKey.FromPem(rsa.ExportRSAPrivateKeyPem(), JwsAlgorithms.RS256);

        Assert.Equal("ES256", fromSec1.Algorithm);
        Assert.Equal("RS256", fromPkcs1.Algorithm);
        using var ecKey = new EcdsaJwsKey("x", ECDsa.Create(ec.ExportParameters(true)), true);
        Assert.Equal(JwkThumbprint.Compute(ecKey), fromSec1.Thumbprint);
    }

    [Fact]
    public void FromPem_ReadsTheRfc8410Ed25519Example_AndWritesItBackByteForByte()
    {
        // RFC 8410 §10.3 private key; its public key (§10.1) is 19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1.
        const string pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----";

        using var key = DpopKey.FromPem(pem);

        Assert.Equal("EdDSA", key.Algorithm);
        using var jwk = JsonDocument.Parse(key.ExportPublicJwk());
        Assert.Equal(
            Convert.FromHexString("19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"),
            System.Buffers.Text.Base64Url.DecodeFromChars(jwk.RootElement.GetProperty("x").GetString()));
        Assert.Equal(pem, key.ExportPem().ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public void FromPem_RefusesOtherCurvesShortRsaKeysAndEncryptedKeys()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var shortRsa = RSA.Create(1024);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = ec.ExportEncryptedPkcs8PrivateKeyPem("password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        Assert.Throws<FormatException>(() => DpopKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<FormatException>(() => DpopKey.FromPem(shortRsa.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<FormatException>(() => DpopKey.FromPem(encrypted));
        Assert.Throws<FormatException>(() => DpopKey.FromPem(ec.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void Load_AFileThatIsNeitherJwkNorPem_IsAFormatException()
    {
        var path = directory.File("agent.key");
        File.WriteAllText(path, "hello");

        Assert.Throws<FormatException>(() => DpopKey.Load(path));
    }

    [Fact]
    public void ExportPublicJwkSet_IsAJwkSetTheServerCanRead()
    {
        using var key = DpopKey.Generate(JwsAlgorithms.EdDSA);
        using var set = JsonDocument.Parse(key.ExportPublicJwkSet());

        var keys = JwkReader.ReadSet(set.RootElement);

        var only = Assert.Single(keys);
        Assert.Equal(key.KeyId, only.KeyId);
        Assert.False(only.CanSign);
    }

    public void Dispose() => directory.Dispose();

    private static Dictionary<string, string> ExportPrivateMembers(JwsKey key)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            key.WritePrivateMembers(writer);
            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream.ToArray())!;
    }
}
