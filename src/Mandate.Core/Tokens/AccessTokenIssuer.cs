using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Security;
using Mandate.Protocol.Jose;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tokens;

/// <summary>Issues RFC 9068 JWT access tokens (typ at+jwt) signed with the key ring's current key.</summary>
public sealed class AccessTokenIssuer(KeyRing keys, IOptions<MandateOptions> options, TimeProvider time)
{
    public const string TokenType = "at+jwt";

    public IssuedAccessToken Issue(AccessTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var lifetime = settings.Tokens.AccessTokenLifetime;
        var expiresAt = now + lifetime;
        if (request.NotAfter is { } notAfter && notAfter < expiresAt)
        {
            expiresAt = notAfter;
            lifetime = notAfter - now;
        }

        var jti = RandomTokens.Create(16);
        var token = CompactJws.Create(keys.SigningKey, TokenType, writer =>
        {
            writer.WriteString("iss", settings.Issuer);
            writer.WriteString("sub", request.Subject);
            writer.WriteString("aud", request.Resource);
            writer.WriteString("client_id", request.ClientId);
            if (request.Scopes.Count > 0)
            {
                writer.WriteString("scope", ScopeParser.Join(request.Scopes));
            }

            writer.WriteString("jti", jti);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            if (request.AuthTime is { } authTime)
            {
                writer.WriteNumber("auth_time", authTime.ToUnixTimeSeconds());
            }

            if (request.Mandate is { } mandate)
            {
                Mandates.MandateJson.WriteProperty(writer, mandate);
                request.MandateGrants?.WriteProperty(writer);
            }

            request.Actor?.WriteTo(writer);
            request.MayAct?.WriteTo(writer);

            if (request.DpopJkt is { } jkt)
            {
                writer.WriteStartObject("cnf");
                writer.WriteString("jkt", jkt);
                writer.WriteEndObject();
            }
        });
        return new IssuedAccessToken(token, jti, expiresAt, (int)Math.Max(0, lifetime.TotalSeconds));
    }
}
