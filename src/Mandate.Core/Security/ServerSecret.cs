using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Security;

/// <summary>
/// A 256-bit secret kept in the data directory ({data-dir}/secrets/server-secret, owner-only like the signing keys),
/// made on first use, from which purpose-bound keys are derived (HKDF-SHA256). Every instance sharing the data
/// directory derives the same keys, so stateless values made with them (DPoP nonces) are valid on all of them.
/// </summary>
public sealed class ServerSecret
{
    private const int SecretBytes = 32;
    private readonly Lazy<byte[]> secret;

    private ServerSecret(Func<byte[]> load) => secret = new Lazy<byte[]>(load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The secret in a file, read (or created) when a key is first derived.</summary>
    public static ServerSecret FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ServerSecret(() => LoadOrCreate(path));
    }

    /// <summary>A given secret (tests).</summary>
    public static ServerSecret FromBytes(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < SecretBytes)
        {
            throw new ArgumentException("A server secret has at least 256 bits.", nameof(value));
        }

        var copy = value.ToArray();
        return new ServerSecret(() => copy);
    }

    /// <summary>A 256-bit key for one purpose; different purposes give unrelated keys.</summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.Value, SecretBytes, salt: [], info: Encoding.UTF8.GetBytes("Mandate " + purpose));
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = path + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // Without overwrite: when another instance sharing the data directory won the race, its secret is the one.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }

        return TryRead(path) ?? throw new InvalidOperationException($"The server secret at {path} cannot be read.");
    }

    private static byte[]? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(File.ReadAllText(path).Trim());
        return bytes.Length >= SecretBytes ? bytes : throw new InvalidOperationException($"The server secret at {path} is too short.");
    }
}
