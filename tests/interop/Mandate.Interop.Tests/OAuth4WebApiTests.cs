using System.Text.Json;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// oauth4webapi (a strict, spec-following OAuth 2 client library) against Mandate: a public client through the code
/// flow and a confidential client (client_secret_basic) for introspection, revocation and client_credentials.
/// </summary>
public sealed class OAuth4WebApiTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";
    private const string Scopes = "tools.read tools.call";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task PublicAndConfidentialClients_PassEveryCheck()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await server.AddResourceAsync(Resource, Scopes.Split(' '));
        var (publicClient, _) = await server.AddPublicClientAsync(RedirectUri);
        var (confidential, secret) = await server.AddConfidentialClientAsync(RedirectUri, scope: "tools.read");

        var run = await NodeScript.RunAsync(node, "oauth4webapi-flow.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_ID"] = publicClient.ClientId,
            ["REDIRECT_URI"] = RedirectUri,
            ["RESOURCE"] = Resource,
            ["SCOPES"] = Scopes,
            ["CONF_CLIENT_ID"] = confidential.ClientId,
            ["CONF_CLIENT_SECRET"] = secret!,
            ["CONF_SCOPES"] = "tools.read",
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));

        // Discovery (RFC 8414 and OIDC agree on the exact issuer); code + PKCE through login and consent, with the
        // RFC 9207 iss and state validated by oauth4webapi.
        Assert.Equal(server.Issuer, JsonAssert.Text(r, "issuer"));
        Assert.Equal(publicClient.ClientId, JsonAssert.Text(r, "client_id"));
        Assert.Equal(["login", "consent"], JsonAssert.Texts(r, "first_authorization_pages"));

        // RFC 9068 access token, validated by oauth4webapi against the JWKS.
        var at = JsonAssert.Member(r, "access_token_claims");
        Assert.Equal("at+jwt", JsonAssert.Text(at, "typ"));
        Assert.Equal("ES256", JsonAssert.Text(at, "alg"));
        Assert.False(string.IsNullOrEmpty(JsonAssert.Text(at, "kid")));
        Assert.Equal(server.Issuer, JsonAssert.Text(at, "iss"));
        Assert.Equal(Resource, Audience(JsonAssert.Member(at, "aud")));
        Assert.Equal(publicClient.ClientId, JsonAssert.Text(at, "client_id"));
        Assert.StartsWith("usr_", JsonAssert.Text(at, "sub"), StringComparison.Ordinal);
        Assert.Equal(Scopes, JsonAssert.Text(at, "scope"));
        Assert.InRange(JsonAssert.Number(at, "expires_in"), 1, 3600);

        // Refresh rotation.
        Assert.True(JsonAssert.Flag(r, "refresh_rotated"));

        // RFC 7662 introspection of the public client's access token by the confidential client.
        var introspection = JsonAssert.Member(r, "introspection");
        Assert.True(JsonAssert.Flag(introspection, "active"));
        Assert.Equal(publicClient.ClientId, JsonAssert.Text(introspection, "client_id"));
        Assert.Equal(Resource, Audience(JsonAssert.Member(introspection, "aud")));
        Assert.Equal(Scopes, JsonAssert.Text(introspection, "scope"));
        Assert.Equal("Bearer", JsonAssert.Text(introspection, "token_type"));

        Assert.Equal(server.Issuer, JsonAssert.Text(introspection, "iss"));

        // A refresh token is described to its own client only (RFC 7662 2.2: "not allowed to introspect this token").
        Assert.False(JsonAssert.Flag(r, "other_client_refresh_token_introspection_active"));

        // RFC 7009: another client's revocation attempts are answered 200 but leave both tokens usable; the owner's
        // revoke them: the access token introspects inactive and the refresh grant fails with invalid_grant.
        Assert.Equal(200, JsonAssert.Number(r, "cross_client_revoke_status.refresh_token"));
        Assert.Equal(200, JsonAssert.Number(r, "cross_client_revoke_status.access_token"));
        Assert.True(JsonAssert.Flag(r, "cross_client_revoke_left_tokens_usable"));
        Assert.False(JsonAssert.Flag(r, "revoked_access_token_active"));
        Assert.Equal("invalid_grant", JsonAssert.Text(r, "revoked_refresh_grant_error"));

        // client_credentials: the token is for the requested resource only, names the client, carries no refresh token.
        var cc = JsonAssert.Member(r, "client_credentials");
        Assert.Equal(Resource, Audience(JsonAssert.Member(cc, "aud")));
        Assert.Equal(confidential.ClientId, JsonAssert.Text(cc, "client_id"));
        Assert.Equal("tools.read", JsonAssert.Text(cc, "scope"));
        Assert.True(JsonAssert.Flag(cc, "sub_is_client_id"));
        Assert.False(JsonAssert.Flag(cc, "refresh_token_issued"));

        // Second authorization: signed in and consent remembered, so no page at all; its code works once only.
        Assert.True(JsonAssert.Flag(r, "consent_remembered"));
        Assert.Empty(JsonAssert.Texts(r, "second_authorization_pages"));
        Assert.Equal("invalid_grant", JsonAssert.Text(r, "code_replay_error"));
    }

    private static string? Audience(JsonElement aud) => aud.ValueKind switch
    {
        JsonValueKind.String => aud.GetString(),
        JsonValueKind.Array when aud.GetArrayLength() == 1 => aud[0].GetString(),
        _ => aud.ToString(),
    };
}
