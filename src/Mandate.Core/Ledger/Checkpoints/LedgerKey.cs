using System.Text;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Ledger.Checkpoints;

/// <summary>
/// The ledger's Ed25519 note key, apart from the token signing keys: <c>{data-dir}/ledger.key</c>, readable by the
/// owner only, holding the signer key string (golang.org/x/mod/sumdb/note format). Made on first use; its name is the
/// log's origin from then on. Auditors keep <see cref="VerifierKey"/>.
/// </summary>
public sealed class LedgerKey : IDisposable
{
    public const string FileName = "ledger.key";

    private LedgerKey(NoteSigner signer)
    {
        Signer = signer;
    }

    public NoteSigner Signer { get; }

    /// <summary>The origin of the log's checkpoints: the key's name.</summary>
    public string Origin => Signer.Name;

    /// <summary>The verifier key string, <c>name+hash+base64</c>: what anyone needs to check checkpoints and receipts.</summary>
    public string VerifierKey => Signer.Verifier.ToString();

    /// <summary>Reads the key file, or creates it (atomically, mode 0600) with a new key named <paramref name="origin"/>.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold an Ed25519 signer key.</exception>
    public static LedgerKey LoadOrCreate(string path, string origin)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            using var created = NoteSigner.Generate(origin);
            TryCreate(path, created.ExportSignerKey());
        }

        var text = File.ReadAllText(path, Encoding.UTF8).Trim();
        return NoteSigner.TryParse(text, out var signer)
            ? new LedgerKey(signer)
            : throw new InvalidDataException($"{path} does not hold an Ed25519 note signer key.");
    }

    public void Dispose() => Signer.Dispose();

    /// <summary>Writes a temporary file and moves it into place unless another process was quicker (its key wins).</summary>
    private static void TryCreate(string path, string signerKey)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(signerKey + "\n"));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}
