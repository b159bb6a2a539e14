using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Core.Keys;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Introspection;

/// <summary>Tokens Mandate did not issue as they stand are never active, however they were made.</summary>
public sealed class ForgedTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GenuineToken_IsActive()
    {
        Assert.True(await IsActiveAsync(await GenuineTokenAsync()));
    }

    [Fact]
    public async Task AlgNone_IsInactive()
    {
        var (header, payload) = Split(await GenuineTokenAsync());
        var forged = Encode(Header(header, "none")) + "." + payload + ".";

        Assert.False(await IsActiveAsync(forged));
    }

    [Fact]
    public async Task HmacSignedWithThePublicKey_IsInactive()
    {
        var (header, payload) = Split(await GenuineTokenAsync());
        var jwks = await OAuthHttp.Client.GetStringAsync(fixture.Issuer + "/jwks");
        var publicJwk = JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetRawText();
        var input = Encode(Header(header, "HS256")) + "." + payload;

        foreach (var secret in new[] { publicJwk, jwks })
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input));
            Assert.False(await IsActiveAsync(input + "." + Base64Url.EncodeToString(mac)));
        }
    }

    [Fact]
    public async Task TamperedPayload_IsInactive()
    {
        var token = await GenuineTokenAsync();
        var parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        claims["scope"] = JsonDocument.Parse("\"tools.read tools.call admin\"").RootElement;

        Assert.False(await IsActiveAsync(parts[0] + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims)) + "." + parts[2]));
    }

    [Fact]
    public async Task SignedByAnotherKeyWithTheSameKid_IsInactive()
    {
        var kid = CompactJws.TryParse(await GenuineTokenAsync())!.KeyId!;
        using var attacker = EcdsaJwsKey.Generate(kid);

        Assert.False(await IsActiveAsync(Sign(attacker, "at+jwt", fixture.Issuer, +600)));
    }

    [Theory]
    [InlineData("JWT", false, 600)]
    [InlineData("at+jwt", true, 600)]
    [InlineData("at+jwt", false, -120)]
    public async Task SignedWithTheRealKey_ButWrongTypeIssuerOrExpiry_IsInactive(string type, bool otherIssuer, int expiresIn)
    {
        var key = fixture.Server.Services.GetRequiredService<KeyRing>().SigningKey;
        var control = Sign(key, "at+jwt", fixture.Issuer, 600);
        Assert.True(await IsActiveAsync(control));

        Assert.False(await IsActiveAsync(Sign(key, type, otherIssuer ? "https://evil.example" : fixture.Issuer, expiresIn)));
    }

    private string Sign(JwsKey key, string type, string issuer, int expiresIn)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return CompactJws.Create(key, type, w =>
        {
            w.WriteString("iss", issuer);
            w.WriteString("sub", "someone");
            w.WriteString("aud", TestFlow.Resource);
            w.WriteString("client_id", fixture.Confidential.ClientId);
            w.WriteString("scope", "tools.read");
            w.WriteString("jti", Guid.NewGuid().ToString("N"));
            w.WriteNumber("iat", now - 300);
            w.WriteNumber("exp", now + expiresIn);
        });
    }

    private async Task<string> GenuineTokenAsync()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret),
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("scope", "tools.read"));
        return (await OAuthHttp.JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    private static (JsonElement Header, string Payload) Split(string token)
    {
        var parts = token.Split('.');
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, parts[1]);
    }

    private static string Header(JsonElement original, string alg) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["alg"] = alg, ["typ"] = "at+jwt", ["kid"] = original.GetProperty("kid").GetString() });

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private Task<bool> IsActiveAsync(string token) =>
        OAuthHttp.IsActiveAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret);
}
