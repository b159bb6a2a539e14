using System.Net;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Storage;
using Mandate.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>Security:ReplayCache = Store: DPoP proof jti values are remembered in the database, where every instance sees them.</summary>
public sealed class StoredReplayCacheTests
{
    [Fact]
    public async Task AReplayedProof_IsRefused_AndTheMarkerIsInTheStore()
    {
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Security:ReplayCache"] = "Store" });
        await server.AddResourceAsync(TestFlow.Resource, "tools.read");
        var (client, secret) = await server.AddConfidentialClientAsync(TestFlow.Redirect, "tools.read", "client_credentials");
        using var key = EcdsaJwsKey.Generate("client");
        var proof = DpopHttp.Proof(new DpopProofBuilder(key), server.Issuer);
        Task<HttpResponseMessage> TokenAsync() => DpopHttp.TokenAsync(server.Issuer, OAuthHttp.Basic(client.ClientId, secret!), [proof],
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("scope", "tools.read"));

        using var first = await TokenAsync();
        using var replay = await TokenAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(replay));
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<MandateDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.ReplayMarkers.CountAsync());
    }
}
