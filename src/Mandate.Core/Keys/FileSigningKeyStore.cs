using System.Text.Json;

namespace Mandate.Core.Keys;

/// <summary>Keys as one JSON file each in <c>{data-dir}/keys</c>, readable by the owner only, written atomically.</summary>
public sealed class FileSigningKeyStore(string directory) : ISigningKeyStore
{
    public async Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var keys = new List<SigningKeyRecord>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            await using var stream = File.OpenRead(file);
            var record = await JsonSerializer.DeserializeAsync(stream, CoreJsonContext.Default.SigningKeyRecord, cancellationToken);
            if (record is not null)
            {
                keys.Add(record);
            }
        }

        return keys;
    }

    public async Task AddAsync(SigningKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(directory, key.KeyId + ".json");
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(stream, key, CoreJsonContext.Default.SigningKeyRecord, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public Task DeleteAsync(string keyId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, keyId + ".json");
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }
}
