using System.Net;
using System.Net.Http.Headers;
using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Mandates;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>DPoP at {issuer}/http/{name}/... (the proof names the request's own URL), and tokens whose mandate cannot apply to an HTTP API.</summary>
[Collection(HttpApiTests.Name)]
public sealed class HttpApiTokenTests(HttpApiFixture fixture)
{
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("agent");

    [Fact]
    public async Task DpopBoundToken_WithAProofForTheRequestUrl_IsForwarded()
    {
        fixture.Api.Handler = HttpApiUpstream.Echo;
        var token = Issue(new AccessTokenRequest { Subject = "usr_dpop", ClientId = "client_dpop", Resource = fixture.HttpResource("api"), Scopes = ["mcp:read"], DpopJkt = JwkThumbprint.Compute(key) });
        var url = fixture.HttpEndpoint("api") + "/repos/x?page=2";

        using var response = await SendDpopAsync(url, token, new DpopProofBuilder(key).Create("GET", url, token, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(fixture.Api.Requests[^1].Header("DPoP"));
        Assert.Null(fixture.Api.Requests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task DpopProofForTheResourceUriOnly_IsRefused()
    {
        var token = Issue(new AccessTokenRequest { Subject = "usr_dpop", ClientId = "client_dpop", Resource = fixture.HttpResource("api"), Scopes = ["mcp:read"], DpopJkt = JwkThumbprint.Compute(key) });
        var before = fixture.Api.Requests.Count;

        using var response = await SendDpopAsync(fixture.HttpEndpoint("api") + "/repos/x", token, new DpopProofBuilder(key).Create("GET", fixture.HttpResource("api"), token, null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("DPoP", challenge.Scheme);
        Assert.Contains("invalid_dpop_proof", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    [Fact]
    public async Task DpopBoundTokenSentAsBearer_IsRefused()
    {
        var token = Issue(new AccessTokenRequest { Subject = "usr_dpop", ClientId = "client_dpop", Resource = fixture.HttpResource("api"), Scopes = ["mcp:read"], DpopJkt = JwkThumbprint.Compute(key) });

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenWithAMandateForTheApi_Is403_TheMandateCannotBeApplied()
    {
        var before = fixture.Api.Requests.Count;
        var mandate = new TaskMandate { Locations = [fixture.HttpResource("api")], Tools = [new MandateTool("list_repos", null, null)], ExpiresAt = fixture.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1) };
        var token = Issue(new AccessTokenRequest
        {
            Subject = "usr_" + RandomTokens.Create(6),
            ClientId = "client_" + RandomTokens.Create(6),
            Resource = fixture.HttpResource("api"),
            Scopes = ["mcp:destructive"],
            Mandate = mandate,
            MandateGrants = new MandateGrantChain([], RandomTokens.Create(16)),
            NotAfter = mandate.ExpiresAt,
        });

        using var response = await HttpApiCalls.SendAsync(HttpMethod.Get, fixture.HttpEndpoint("api") + "/x", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("mandate", (await HttpApiCalls.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.Requests.Count);
    }

    private string Issue(AccessTokenRequest request) =>
        new AccessTokenIssuer(fixture.Server.Services.GetRequiredService<KeyRing>(), fixture.Server.Services.GetRequiredService<IOptions<MandateOptions>>(), fixture.Server.Services.GetRequiredService<TimeProvider>()).Issue(request).Token;

    private static Task<HttpResponseMessage> SendDpopAsync(string url, string token, string proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        request.Headers.TryAddWithoutValidation(DpopConstants.ProofHeader, proof);
        return HttpApiCalls.Client.SendAsync(request);
    }
}
