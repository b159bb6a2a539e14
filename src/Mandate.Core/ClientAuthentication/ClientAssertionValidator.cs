using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Security;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.ClientAuthentication;

/// <summary>
/// RFC 7523 section 3 client assertions: iss = sub = client_id, aud names us, exp present and near, jti never seen
/// before (kept in the replay cache until exp), signed by a key in the client's JWK Set with that key's own algorithm.
/// </summary>
public sealed partial class ClientAssertionValidator(ClientKeys keys, IReplayCache replay, TimeProvider time, ILogger<ClientAssertionValidator> logger)
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static string? ReadIssuer(string assertion) => CompactJws.TryParse(assertion)?.GetClaim("iss");

    public async Task<bool> ValidateAsync(OAuthClient client, string assertion, IReadOnlyList<string> acceptedAudiences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(acceptedAudiences);
        var parts = CompactJws.TryParse(assertion);
        if (parts is null)
        {
            return Reject(client, "malformed");
        }

        var now = time.GetUtcNow();
        var exp = parts.GetNumericClaim("exp");
        var jti = parts.GetClaim("jti");
        if (parts.GetClaim("iss") != client.ClientId || parts.GetClaim("sub") != client.ClientId || jti is null || exp is null)
        {
            return Reject(client, "iss, sub, jti or exp");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp.Value);
        if (expiresAt + ClockSkew <= now || expiresAt - now > MaxLifetime
            || (parts.GetNumericClaim("nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - ClockSkew > now))
        {
            return Reject(client, "time window");
        }

        if (!AudienceMatches(parts.Payload, acceptedAudiences))
        {
            return Reject(client, "aud");
        }

        var key = await keys.FindAsync(client, parts.KeyId, parts.Algorithm, cancellationToken);
        if (key is null || !parts.VerifyWith(key))
        {
            return Reject(client, "signature");
        }

        if (!await replay.TryAddAsync("client_assertion:" + client.ClientId + ":" + jti, expiresAt + ClockSkew, cancellationToken))
        {
            return Reject(client, "jti replayed");
        }

        return true;
    }

    private static bool AudienceMatches(JsonElement payload, IReadOnlyList<string> accepted)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => accepted.Contains(aud.GetString()!, StringComparer.Ordinal),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && accepted.Contains(a.GetString()!, StringComparer.Ordinal)),
            _ => false,
        };
    }

    private bool Reject(OAuthClient client, string reason)
    {
        LogRejected(logger, client.ClientId, reason);
        return false;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Client assertion for {ClientId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string clientId, string reason);
}
