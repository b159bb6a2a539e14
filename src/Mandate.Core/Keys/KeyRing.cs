using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Keys;

/// <summary>
/// The signing keys: which one signs now, which ones verify, and the published JWKS. Rotation makes the next key
/// ahead of time (published before it signs) and keeps a retired key until every token it signed has expired.
/// Reads are lock-free snapshots; <see cref="RefreshAsync"/> runs at start-up and on a timer.
/// </summary>
/// <param name="audit">Where key creation and retirement are recorded ("key.created", "key.retired"); null for tools
/// that only read keys.</param>
public sealed partial class KeyRing(ISigningKeyStore store, IOptions<MandateOptions> options, TimeProvider time, ILogger<KeyRing> logger, Audit.IAuditSink? audit = null) : IDisposable
{
    private static readonly TimeSpan RetentionMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile KeyRingSnapshot? snapshot;

    /// <summary>The key that signs now. <see cref="RefreshAsync"/> must have run once.</summary>
    public JwsKey SigningKey => Current.Signing;

    public IReadOnlyList<JwsKey> VerificationKeys => Current.Verification;

    /// <summary>The public JWK Set, serialised once per refresh.</summary>
    public ReadOnlyMemory<byte> JwksJson => Current.JwksJson;

    public JwsKey? FindVerificationKey(string? keyId)
    {
        if (keyId is null)
        {
            return null;
        }

        foreach (var key in Current.Verification)
        {
            if (key.KeyId == keyId)
            {
                return key;
            }
        }

        return null;
    }

    private KeyRingSnapshot Current => snapshot ?? throw new InvalidOperationException("The key ring has not been loaded yet.");

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value.Tokens;
            var now = time.GetUtcNow();
            // Keys of every algorithm verify (a changed SigningAlgorithm must not invalidate live tokens); only keys of the
            // configured algorithm sign and rotate.
            var all = (await store.ListAsync(cancellationToken)).OrderBy(r => r.ActivatesAt).ToList();
            var records = all.Where(r => r.Algorithm == settings.SigningAlgorithm).ToList();
            var retiredOthers = all.Where(r => r.Algorithm != settings.SigningAlgorithm).ToList();
            var active = records.LastOrDefault(r => r.ActivatesAt <= now);
            if (active is null)
            {
                active = await CreateAsync(settings.SigningAlgorithm, now, now, cancellationToken);
                records.Add(active);
            }

            var prepublish = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, settings.KeyRotationInterval.Ticks / 4));
            var pending = records.Where(r => r.ActivatesAt > now).ToList();
            if (pending.Count == 0 && now - active.ActivatesAt >= settings.KeyRotationInterval - prepublish)
            {
                records.Add(await CreateAsync(settings.SigningAlgorithm, now, now + prepublish, cancellationToken));
            }

            // A key is kept while a token it signed may still be alive: until its successor activated plus the token lifetime.
            var keep = new List<SigningKeyRecord>();
            var ordered = records.OrderBy(r => r.ActivatesAt).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var successor = i + 1 < ordered.Count ? ordered[i + 1] : null;
                var expired = successor is not null && successor.ActivatesAt <= now
                    && now - successor.ActivatesAt > settings.AccessTokenLifetime + RetentionMargin;
                if (expired)
                {
                    await store.DeleteAsync(ordered[i].KeyId, cancellationToken);
                    LogKeyRetired(logger, ordered[i].KeyId);
                    await RecordAsync("key.retired", ordered[i].KeyId, "no token it signed can still be valid", cancellationToken);
                }
                else
                {
                    keep.Add(ordered[i]);
                }
            }

            foreach (var other in retiredOthers)
            {
                if (now - active.ActivatesAt > settings.AccessTokenLifetime + RetentionMargin)
                {
                    await store.DeleteAsync(other.KeyId, cancellationToken);
                    LogKeyRetired(logger, other.KeyId);
                    await RecordAsync("key.retired", other.KeyId, "the signing algorithm changed and no token it signed can still be valid", cancellationToken);
                }
                else
                {
                    keep.Add(other);
                }
            }

            var signing = keep.Where(r => r.Algorithm == settings.SigningAlgorithm).Last(r => r.ActivatesAt <= now);
            snapshot = Build(keep, signing.KeyId);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<SigningKeyRecord> CreateAsync(string algorithm, DateTimeOffset now, DateTimeOffset activatesAt, CancellationToken cancellationToken)
    {
        var keyId = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + RandomTokens.Create(6);
        using var key = JwsKeyFactory.Generate(algorithm, keyId);
        var record = new SigningKeyRecord
        {
            KeyId = keyId,
            Algorithm = algorithm,
            PrivateJwk = JwsKeyFactory.ExportPrivateJwk(key),
            CreatedAt = now,
            ActivatesAt = activatesAt,
        };
        await store.AddAsync(record, cancellationToken);
        LogKeyCreated(logger, keyId, algorithm, activatesAt);
        await RecordAsync("key.created", keyId, $"{algorithm} token signing key, signing from {activatesAt:u}", cancellationToken);
        return record;
    }

    private async Task RecordAsync(string kind, string keyId, string reason, CancellationToken cancellationToken)
    {
        if (audit is not null)
        {
            await audit.RecordAsync(new Audit.AuditEvent { Timestamp = time.GetUtcNow(), Kind = kind, Decision = "allow", Reason = $"key {keyId}: {reason}" }, cancellationToken);
        }
    }

    private static KeyRingSnapshot Build(List<SigningKeyRecord> records, string signingKeyId)
    {
        var keys = new List<JwsKey>();
        foreach (var record in records)
        {
            using var document = JsonDocument.Parse(record.PrivateJwk);
            var key = JwkReader.Read(document.RootElement, record.Algorithm)
                ?? throw new InvalidOperationException($"Signing key {record.KeyId} in the key store cannot be read.");
            keys.Add(key);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                key.WritePublicJwk(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new KeyRingSnapshot(keys.Single(k => k.KeyId == signingKeyId), keys, buffer.WrittenMemory.ToArray());
    }

    public void Dispose()
    {
        refreshLock.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created signing key {KeyId} ({Algorithm}), signing from {ActivatesAt:o}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, string algorithm, DateTimeOffset activatesAt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Removed retired signing key {KeyId}: every token it signed has expired")]
    private static partial void LogKeyRetired(ILogger logger, string keyId);
}
