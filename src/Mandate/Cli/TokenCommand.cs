using System.CommandLine;
using System.Text.Json;
using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Mandate.Protocol.Jose;

namespace Mandate.Cli;

/// <summary>mandate token inspect: decode a token, verify it against a JWKS, and print its delegation chain.</summary>
public static class TokenCommand
{
    private static readonly Argument<string> Token = new("token") { Description = "The access token (a JWS); '-' reads it from standard input." };
    private static readonly Option<Uri?> JwksUrl = new("--jwks-url") { Description = "Verify with this JWK Set (another Mandate's /jwks). Default: the keys in the data directory." };

    public static Command Create()
    {
        var inspect = new Command("inspect", "Decode an access token, verify its signature, and show who acts for whom (the act chain).") { Token, JwksUrl };
        inspect.SetAction(InspectAsync);
        return new Command("token", "Debug tokens and delegation.") { inspect, TokenExchangeCommand.Create() };
    }

    private static async Task<int> InspectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var raw = parse.GetValue(Token)!;
        if (raw == "-")
        {
            raw = (await Console.In.ReadToEndAsync(cancellationToken)).Trim();
        }

        var parts = CompactJws.TryParse(raw);
        if (parts is null)
        {
            return Output.Fail("Not a compact JWS (three base64url parts with JSON header and payload).");
        }

        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var now = context.Get<TimeProvider>().GetUtcNow();
        TokenInspection inspection;
        if (parse.GetValue(JwksUrl) is { } url)
        {
            var keys = await FetchKeysAsync(url, cancellationToken);
            if (keys is null)
            {
                return Output.Fail($"Cannot read a JWK Set from {url}.");
            }

            var key = keys.FirstOrDefault(k => k.KeyId == parts.KeyId);
            inspection = new TokenInspection(parts, key is not null && parts.VerifyWith(key), url.ToString(), now);
            foreach (var k in keys)
            {
                k.Dispose();
            }
        }
        else
        {
            using var key = await LocalKeyAsync(context, parts.KeyId, cancellationToken);
            inspection = new TokenInspection(parts, key is not null && parts.VerifyWith(key), "the data directory's keys", now)
            {
                Revoked = parts.GetClaim("jti") is { } jti ? await context.Get<IRevokedAccessTokenStore>().IsRevokedAsync(jti, cancellationToken) : null,
            };
        }

        if (context.Json)
        {
            Output.JsonObject(inspection.WriteJson);
        }
        else
        {
            inspection.WriteText(Console.Out);
        }

        return inspection.Valid ? 0 : 1;
    }

    /// <summary>Reads the stored keys without creating one (inspecting must not change the data directory).</summary>
    private static async Task<JwsKey?> LocalKeyAsync(AdminContext context, string? keyId, CancellationToken cancellationToken)
    {
        var record = (await context.Get<ISigningKeyStore>().ListAsync(cancellationToken)).FirstOrDefault(k => k.KeyId == keyId);
        if (record is null)
        {
            return null;
        }

        using var jwk = JsonDocument.Parse(record.PrivateJwk);
        return JwkReader.Read(jwk.RootElement, record.Algorithm);
    }

    private static async Task<IReadOnlyList<JwsKey>?> FetchKeysAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var document = JsonDocument.Parse(await http.GetStringAsync(url, cancellationToken));
            return JwkReader.ReadSet(document.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }
}
