using System.Text.Json;
using Mandate.Core.Tokens;
using Mandate.Protocol.Jose;

namespace Mandate.Cli;

/// <summary>What `mandate token inspect` found: the decoded token, whether it verified, and its delegation chain.</summary>
public sealed record TokenInspection(JwsParts Parts, bool SignatureValid, string KeySource, DateTimeOffset Now)
{
    public bool? Revoked { get; init; }

    public Actor? Chain => Parts.Payload.TryGetProperty("act", out var act) ? Actor.Read(act) : null;

    public DateTimeOffset? ExpiresAt => Parts.GetNumericClaim("exp") is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;

    public bool Expired => ExpiresAt is not { } exp || exp <= Now;

    public bool IsAccessToken => string.Equals(Parts.Type, AccessTokenIssuer.TokenType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Valid: signed by a known key, an access token, unexpired and not known to be revoked.</summary>
    public bool Valid => SignatureValid && IsAccessToken && !Expired && Revoked != true;

    public void WriteJson(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteBoolean("valid", Valid);
        w.WriteBoolean("signature_valid", SignatureValid);
        w.WriteString("key_source", KeySource);
        w.WriteBoolean("expired", Expired);
        if (Revoked is { } revoked)
        {
            w.WriteBoolean("revoked", revoked);
        }

        w.WritePropertyName("header");
        Parts.Header.WriteTo(w);
        w.WritePropertyName("claims");
        Parts.Payload.WriteTo(w);
        w.WriteStartArray("chain");
        foreach (var actor in Chain?.Chain() ?? [])
        {
            w.WriteStartObject();
            w.WriteString("sub", actor.Subject);
            w.WriteString("client_id", actor.ClientId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"valid:      {(Valid ? "yes" : "no")}");
        output.WriteLine($"signature:  {(SignatureValid ? "verified" : "NOT verified")} ({Parts.Algorithm ?? "no alg"}, kid {Parts.KeyId ?? "-"}, {KeySource})");
        output.WriteLine($"type:       {Parts.Type ?? "-"}");
        output.WriteLine($"issuer:     {Parts.GetClaim("iss") ?? "-"}");
        output.WriteLine($"subject:    {Parts.GetClaim("sub") ?? "-"}");
        output.WriteLine($"client:     {Parts.GetClaim("client_id") ?? "-"}");
        output.WriteLine($"audience:   {Parts.GetClaim("aud") ?? "-"}");
        output.WriteLine($"scope:      {Parts.GetClaim("scope") ?? "-"}");
        output.WriteLine($"token id:   {Parts.GetClaim("jti") ?? "-"}");
        output.WriteLine($"expires:    {Describe(ExpiresAt)}");
        if (Revoked is { } revoked)
        {
            output.WriteLine($"revoked:    {(revoked ? "yes" : "no")}");
        }

        if (Parts.Payload.TryGetProperty("cnf", out var cnf) && cnf.TryGetProperty("jkt", out var jkt))
        {
            output.WriteLine($"bound to:   DPoP key {jkt.GetString()}");
        }

        if (MayAct.Read(Parts.Payload) is { } mayAct)
        {
            output.WriteLine($"may act:    {mayAct.ClientId ?? mayAct.Subject ?? "nobody"}");
        }

        var chain = Chain?.Chain().ToList() ?? [];
        output.WriteLine(chain.Count == 0
            ? "chain:      none (not delegated)"
            : $"chain:      {string.Join(" <- ", chain.Select(a => a.Subject == a.ClientId ? a.ClientId : $"{a.ClientId} ({a.Subject})"))}, for {Parts.GetClaim("sub")}");
    }

    private string Describe(DateTimeOffset? expiresAt)
    {
        if (expiresAt is not { } exp)
        {
            return "-";
        }

        var left = exp - Now;
        var when = exp.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
        return left > TimeSpan.Zero ? $"{when} (in {(int)left.TotalMinutes}m {left.Seconds}s)" : $"{when} (expired {(int)(-left).TotalMinutes}m {(-left).Seconds}s ago)";
    }
}
