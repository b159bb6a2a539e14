using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Master keys in {data-dir}/secrets/vault-master-keys (owner-only, like the server secret), one <c>id key</c> line
/// each (key in base64url), the last line the active key. Made with one key on first use; <see cref="AddKey"/> appends
/// a new active key (rotation), replacing the file atomically so a reader never sees half of it.
/// </summary>
public sealed class FileMasterKeySource(string path) : IMasterKeySource
{
    public const string FileName = "vault-master-keys";
    private readonly Lock gate = new();
    private MasterKeySet? loaded;

    public string Path { get; } = path;

    public MasterKeySet Load(bool reload)
    {
        lock (gate)
        {
            if (loaded is null || reload)
            {
                loaded = Read() ?? Create();
            }

            return loaded;
        }
    }

    /// <summary>Makes a new master key, appends it as the active one and returns its id.</summary>
    public string AddKey()
    {
        lock (gate)
        {
            var current = Read() ?? Create();
            var id = NewKeyId();
            var lines = current.Keys.Where(k => k.Key != current.ActiveKeyId).Select(Line).Append(Line(new(current.ActiveKeyId, current.Active)))
                .Append(Line(new(id, RandomNumberGenerator.GetBytes(MasterKeySet.KeyBytes))));
            Write(string.Join('\n', lines) + "\n", overwrite: true);
            loaded = Read();
            return id;
        }
    }

    /// <summary>Removes a key that is not the active one; false when there is no such key or it is the active one.</summary>
    public bool RemoveKey(string keyId)
    {
        lock (gate)
        {
            var current = Read() ?? Create();
            if (keyId == current.ActiveKeyId || !current.Keys.ContainsKey(keyId))
            {
                return false;
            }

            var lines = current.Keys.Where(k => k.Key != keyId && k.Key != current.ActiveKeyId).Select(Line).Append(Line(new(current.ActiveKeyId, current.Active)));
            Write(string.Join('\n', lines) + "\n", overwrite: true);
            loaded = Read();
            return true;
        }
    }

    private static string NewKeyId() => "mk-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6));

    private static string Line(KeyValuePair<string, byte[]> key) => key.Key + " " + Base64Url.EncodeToString(key.Value);

    private MasterKeySet Create()
    {
        var id = NewKeyId();
        Write(Line(new(id, RandomNumberGenerator.GetBytes(MasterKeySet.KeyBytes))) + "\n", overwrite: false);
        return Read() ?? throw new InvalidOperationException($"The vault master keys at {Path} cannot be read.");
    }

    private MasterKeySet? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? active = null;
        foreach (var line in File.ReadAllLines(Path).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var key = parts.Length == 2 ? Base64Url.DecodeFromChars(parts[1]) : [];
            if (key.Length != MasterKeySet.KeyBytes)
            {
                throw new InvalidOperationException($"The vault master key file {Path} has a line that is not 'id base64url-256-bit-key'.");
            }

            keys[parts[0]] = key;
            active = parts[0];
        }

        return active is null ? throw new InvalidOperationException($"The vault master key file {Path} is empty.") : new MasterKeySet(active, keys);
    }

    private void Write(string text, bool overwrite)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = Path + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // First creation without overwrite: when another instance won the race, its key is the one.
            File.Move(temp, Path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(Path))
        {
            File.Delete(temp);
        }
    }
}
