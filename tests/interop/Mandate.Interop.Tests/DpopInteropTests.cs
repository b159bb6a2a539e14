using Mandate.Core.Clients;
using Mandate.Demo;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// DPoP (RFC 9449) with third-party code (oauth4webapi-dpop.mjs), nonces on: oauth4webapi's DPoP handle gets DPoP-bound
/// tokens (client_credentials; code + PKCE + dpop_jkt), refreshes them and calls the gateway with them; proofs made
/// by jose are accepted at the token endpoint and a broken one is refused.
/// </summary>
public sealed class DpopInteropTests(ITestOutputHelper output)
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task OAuth4WebApiAndJose_GetUseAndRefreshDpopBoundTokens_WithNonces()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Dpop:RequireNonce"] = "true" });
        await server.AddUserAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        var (publicClient, _) = await server.AddPublicClientAsync(RedirectUri);
        var (confidential, secret) = await server.AddConfidentialClientAsync(RedirectUri, "mcp:read", GrantTypes.ClientCredentials);

        var run = await NodeScript.RunAsync(node, "oauth4webapi-dpop.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_ID"] = publicClient.ClientId,
            ["REDIRECT_URI"] = RedirectUri,
            ["CONF_CLIENT_ID"] = confidential.ClientId,
            ["CONF_CLIENT_SECRET"] = secret!,
            ["RESOURCE"] = demo.GatewayUrl,
            ["SCOPES"] = "mcp:read",
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        Assert.Contains("ES256", JsonAssert.Texts(r, "dpop_signing_alg_values_supported"));

        // Each flow was DPoP-bound to the library's key, after one use_dpop_nonce round trip where none was known yet.
        foreach (var flow in new[] { "client_credentials", "code", "refresh" })
        {
            Assert.Equal("dpop", JsonAssert.Text(r, flow + ".token_type"));
            Assert.True(JsonAssert.Flag(r, flow + ".jkt_matches_key"), flow);
        }

        Assert.True(JsonAssert.Flag(r, "code.refresh_token_issued"));
        Assert.Equal(1, JsonAssert.Number(r, "nonce_retries.client_credentials"));
        Assert.Equal(1, JsonAssert.Number(r, "nonce_retries.authorization_code"));
        Assert.Equal("invalid_grant", JsonAssert.Text(r, "refresh_other_key_error"));

        // The gateway: the DPoP-bound tokens work with their proofs; as Bearer or with another key's proof they do not.
        Assert.Equal(["list_notes", "read_note"], JsonAssert.Texts(r, "gateway_tools"));
        Assert.Equal(200, JsonAssert.Number(r, "gateway_client_credentials_status"));
        Assert.Equal(401, JsonAssert.Number(r, "gateway_as_bearer.status"));
        Assert.StartsWith("Bearer error=\"invalid_token\"", JsonAssert.Text(r, "gateway_as_bearer.www_authenticate"), StringComparison.Ordinal);
        Assert.Equal(401, JsonAssert.Number(r, "gateway_other_key.status"));
        Assert.Equal("dpop", JsonAssert.Text(r, "gateway_other_key.scheme"));
        Assert.Equal("invalid_token", JsonAssert.Text(r, "gateway_other_key.error"));

        // jose-made proofs: ES256 and Ed25519 accepted, a broken signature refused.
        Assert.Equal(200, JsonAssert.Number(r, "jose.es256.status"));
        Assert.Equal("DPoP", JsonAssert.Text(r, "jose.es256.token_type"));
        Assert.True(JsonAssert.Flag(r, "jose.es256.jkt_matches_key"));
        Assert.Equal(200, JsonAssert.Number(r, "jose.eddsa.status"));
        Assert.True(JsonAssert.Flag(r, "jose.eddsa.jkt_matches_key"));
        Assert.Equal(400, JsonAssert.Number(r, "jose.bad_signature.status"));
        Assert.Equal("invalid_dpop_proof", JsonAssert.Text(r, "jose.bad_signature.error"));
    }
}
