using System.Text.Json;
using Mandate.Core.Keys;
using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Tests.Tokens;

public sealed class AccessTokenIssuerTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public void Issue_HeaderNamesTheTypeAlgorithmAndCurrentKey()
    {
        var issued = Issue();
        var parts = CompactJws.TryParse(issued.Token)!;

        Assert.Equal("at+jwt", parts.Type);
        Assert.Equal("ES256", parts.Algorithm);
        Assert.Equal(harness.Get<KeyRing>().SigningKey.KeyId, parts.KeyId);
        Assert.True(parts.VerifyWith(harness.Get<KeyRing>().SigningKey));
    }

    [Fact]
    public void Issue_Claims()
    {
        var now = harness.Time.GetUtcNow();
        var issued = Issue(authTime: now.AddMinutes(-3));
        var payload = Jwt.Payload(issued.Token);

        Assert.Equal(CoreHarness.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal("user-1", payload.GetProperty("sub").GetString());
        Assert.Equal(CoreHarness.ResourceUri, payload.GetProperty("aud").GetString());
        Assert.Equal("client-1", payload.GetProperty("client_id").GetString());
        Assert.Equal("tools.read tools.call", payload.GetProperty("scope").GetString());
        Assert.Equal(issued.TokenId, payload.GetProperty("jti").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(now.ToUnixTimeSeconds(), payload.GetProperty("nbf").GetInt64());
        Assert.Equal(now.AddMinutes(10).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.Equal(now.AddMinutes(-3).ToUnixTimeSeconds(), payload.GetProperty("auth_time").GetInt64());
        Assert.Equal(600, issued.ExpiresIn);
        Assert.Equal(now.AddMinutes(10), issued.ExpiresAt);
    }

    [Fact]
    public void Issue_NoScopesNoAuthTime_OmitsThoseClaims()
    {
        var payload = Jwt.Payload(Issue(scopes: []).Token);

        Assert.False(payload.TryGetProperty("scope", out _));
        Assert.False(payload.TryGetProperty("auth_time", out _));
        Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind);
    }

    [Fact]
    public void Issue_TwoTokens_DistinctJti()
    {
        Assert.NotEqual(Issue().TokenId, Issue().TokenId);
    }

    [Fact]
    public void Issue_ThenValidate_RoundTrips()
    {
        var issued = Issue();

        var claims = harness.Get<AccessTokenValidator>().Validate(issued.Token)!;

        Assert.Equal(issued.TokenId, claims.TokenId);
        Assert.Equal("user-1", claims.Subject);
        Assert.Equal("client-1", claims.ClientId);
        Assert.Equal(CoreHarness.ResourceUri, claims.Audience);
        Assert.Equal("tools.read tools.call", claims.Scope);
        Assert.Equal(issued.ExpiresAt, claims.ExpiresAt);
    }

    private IssuedAccessToken Issue(string[]? scopes = null, DateTimeOffset? authTime = null) =>
        harness.Get<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = "user-1",
            ClientId = "client-1",
            Resource = CoreHarness.ResourceUri,
            Scopes = scopes ?? ["tools.read", "tools.call"],
            AuthTime = authTime,
        });
}
