using Mandate.Testing;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Gateway;

/// <summary>Gateway settings are checked at start-up with the others, every problem named.</summary>
public sealed class GatewayOptionsTests
{
    [Fact]
    public async Task InvalidGatewaySettings_FailStartUp_EachNamed()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:AllowedOrigins:0"] = "https://app.example.com/path",
            ["Gateway:MaxRequestBytes"] = "10",
            ["Gateway:UpstreamTimeout"] = "00:00:00",
            ["Gateway:ClientRequestsPerMinute"] = "-1",
            ["Gateway:SessionIdleTimeout"] = "00:00:10",
            ["Gateway:RevocationCheckInterval"] = "01:00:00",
        }));

        Assert.Contains(ex.Failures, f => f.Contains("https://app.example.com/path", StringComparison.Ordinal));
        foreach (var key in new[] { "Gateway:MaxRequestBytes", "Gateway:UpstreamTimeout", "Gateway:ClientRequestsPerMinute", "Gateway:SessionIdleTimeout", "Gateway:RevocationCheckInterval" })
        {
            Assert.Contains(ex.Failures, f => f.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ValidGatewaySettings_StartTheServer()
    {
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Gateway:AllowedOrigins:0"] = "https://app.example.com" });

        Assert.NotNull(server.Issuer);
    }
}
