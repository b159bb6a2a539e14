using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Core.Gateway;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>What every run of mcp-gateway-client.mjs must show, whatever the upstream.</summary>
public static class GatewayFlowAssert
{
    public static void ReadThenStepUpToDestructive(JsonElement result, MandateTestServer server, string gatewayUrl, string mode)
    {
        Assert.True(JsonAssert.Flag(result, "ok"), result.ToString());
        Assert.Equal(mode, JsonAssert.Text(result, "mode"));
        Assert.Equal(server.Issuer, JsonAssert.Text(result, "issuer"));
        var path = new Uri(gatewayUrl).AbsolutePath;

        // 401 from the gateway naming its RFC 9728 metadata and the least scope; discovery from there.
        var flow = JsonAssert.Texts(result, "flow");
        Assert.Equal($"POST {path} 401", flow[0]);
        Assert.Equal($"{server.BaseUrl}/.well-known/oauth-protected-resource{path}", JsonAssert.Text(result, "challenge_401.resource_metadata"));
        Assert.Equal(GatewayScopes.Read, JsonAssert.Text(result, "challenge_401.scope"));
        Assert.Contains($"GET /.well-known/oauth-protected-resource{path} 200", flow);
        Assert.Contains("GET /.well-known/oauth-authorization-server 200", flow);

        // The first token: mcp:read only, audience-bound to the gateway URL (RFC 8707 in both requests).
        var requests = JsonAssert.Member(result, "authorization_requests").EnumerateArray().ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(gatewayUrl, JsonAssert.Text(r, "resource")));
        Assert.All(requests, r => Assert.Equal("S256", JsonAssert.Text(r, "code_challenge_method")));
        Assert.Equal(GatewayScopes.Read, JsonAssert.Text(requests[0], "scope"));
        Assert.Equal(GatewayScopes.Read, JsonAssert.Text(result, "granted_scope"));

        // The destructive call: 403 insufficient_scope with the full scope set, then a new authorization for it.
        Assert.Equal("insufficient_scope", JsonAssert.Text(result, "challenge_403.error"));
        var needed = JsonAssert.Text(result, "challenge_403.scope").Split(' ');
        Assert.Equal(GatewayScopes.All, needed);
        Assert.Equal(needed, JsonAssert.Text(requests[1], "scope").Split(' '));
        Assert.Equal(needed, JsonAssert.Text(result, "step_up_granted_scope").Split(' '));
        Assert.False(JsonAssert.Flag(result, "step_up_refresh_attempted"));

        // Signed in once; the larger scope needed consent again (the session cookie spared the login page).
        var pages = JsonAssert.Member(result, "pages").EnumerateArray().Select(p => string.Join(',', p.EnumerateArray().Select(e => e.GetString()))).ToList();
        Assert.Equal(["login,consent", "consent"], pages);
        var codeExchanges = JsonAssert.Member(result, "token_requests").EnumerateArray().Where(r => JsonAssert.Text(r, "grant_type") == "authorization_code").ToList();
        Assert.Equal(2, codeExchanges.Count);
        Assert.All(codeExchanges, r => Assert.Equal(gatewayUrl, JsonAssert.Text(r, "resource")));
    }

    /// <summary>The gateway audited the refused and the allowed destructive call (and the read call) for this upstream.</summary>
    public static async Task AuditedAsync(MandateTestServer server, string upstream, string readTool, string destructiveTool)
    {
        var events = await server.Services.GetRequiredService<IAuditReader>().ListRecentAsync(500, CancellationToken.None);
        var calls = events.Where(e => e.Upstream == upstream && e.Method == "tools/call").ToList();
        Assert.Contains(calls, e => e.Tool == readTool && e.Decision == "allow");
        Assert.Contains(calls, e => e.Tool == destructiveTool && e.Decision == "deny");
        Assert.Contains(calls, e => e.Tool == destructiveTool && e.Decision == "allow");
        Assert.All(calls, e => Assert.False(string.IsNullOrEmpty(e.ClientId) || string.IsNullOrEmpty(e.TokenId) || string.IsNullOrEmpty(e.ArgumentsDigest), $"{e}"));
    }
}
