using System.Net;
using System.Text;
using Mandate.Core.Clients;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Registration;

/// <summary>The unauthenticated endpoint's guards: 20 registrations a minute per address, and the switch that turns it off.</summary>
public sealed class RegistrationLimitsTests
{
    private const string Body = """{"redirect_uris":["http://127.0.0.1:9/callback"],"token_endpoint_auth_method":"none"}""";

    [Fact]
    public async Task TwentyFirstRequestInAMinute_Is429()
    {
        await using var server = await MandateTestServer.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var response = await RegisterAsync(server, i % 2 == 0 ? Body : "not json");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        var limited = await RegisterAsync(server, Body);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(10, await server.Services.GetRequiredService<IClientStore>().CountAsync(ClientSource.Dynamic, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.Client.GetAsync(server.Issuer + "/jwks")).StatusCode);
    }

    [Fact]
    public async Task Disabled_RefusesRegistration_AndMetadataOmitsTheEndpoint()
    {
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Registration:DynamicRegistrationEnabled"] = "false" });

        var response = await RegisterAsync(server, Body);
        var metadata = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(server.Issuer + "/.well-known/oauth-authorization-server"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("access_denied", await OAuthHttp.ErrorAsync(response));
        Assert.Equal(0, await server.Services.GetRequiredService<IClientStore>().CountAsync(ClientSource.Dynamic, CancellationToken.None));
        Assert.False(metadata.TryGetProperty("registration_endpoint", out _));
        Assert.True(metadata.TryGetProperty("token_endpoint", out _));
    }

    [Fact]
    public async Task MaxDynamicClients_IsEnforced()
    {
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Registration:MaxDynamicClients"] = "1" });
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(server, Body)).StatusCode);

        var response = await RegisterAsync(server, Body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("temporarily_unavailable", await OAuthHttp.ErrorAsync(response));
    }

    private static Task<HttpResponseMessage> RegisterAsync(MandateTestServer server, string body) =>
        OAuthHttp.Client.PostAsync(server.Issuer + "/register", new StringContent(body, Encoding.UTF8, "application/json"));
}
