using System.Net;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>The gateway answers CORS only for the origins its DNS-rebinding check allows.</summary>
public sealed class CorsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_NamesThatOrigin_AndTheMcpHeaders()
    {
        using var response = await PreflightAsync(GatewayFixture.AllowedOrigin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(GatewayFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("mcp-session-id", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_IsNotAllowed()
    {
        using var response = await PreflightAsync("https://evil.example");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ACall_FromAnAllowedOrigin_ExposesTheSessionAndAuditHeaders()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(1), null, ("Origin", GatewayFixture.AllowedOrigin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("Mcp-Session-Id", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Mandate-Audit-Id", exposed, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, fixture.Endpoint("stateless"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id,mcp-protocol-version");
        return await McpHttp.Client.SendAsync(request);
    }
}
