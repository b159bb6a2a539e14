using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mandate.Benchmarks;

/// <summary>A key ring in a temporary directory and an access token it signed, as the server would have them.</summary>
public sealed class BenchKeys : IDisposable
{
    public const string Issuer = "https://mandate.bench.example";
    public const string Resource = Issuer + "/mcp/bench";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "mandate-bench-" + Guid.NewGuid().ToString("N"));

    public BenchKeys(string algorithm)
    {
        Options = Microsoft.Extensions.Options.Options.Create(new MandateOptions { Issuer = Issuer, DataDir = directory, Tokens = { SigningAlgorithm = algorithm } });
        Ring = new KeyRing(new FileSigningKeyStore(Path.Combine(directory, "keys")), Options, TimeProvider.System, NullLogger<KeyRing>.Instance);
        Ring.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        Token = new AccessTokenIssuer(Ring, Options, TimeProvider.System).Issue(new AccessTokenRequest
        {
            Subject = "usr_bench",
            ClientId = "client_bench",
            Resource = Resource,
            Scopes = ["mcp:read"],
        }).Token;
    }

    public IOptions<MandateOptions> Options { get; }

    public KeyRing Ring { get; }

    public string Token { get; }

    public void Dispose()
    {
        Ring.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
