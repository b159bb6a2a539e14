using Mandate.Client.Dpop;
using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Client.Tokens;
using Mandate.Protocol.Dpop;

namespace Mandate.Client.Tests.Tokens;

/// <summary>The pipeline MandateHttpClient builds: token attached with the right scheme, proofs bound to it.</summary>
public sealed class AccessTokenHandlerTests
{
    private const string Resource = "https://gateway.example.com/mcp/demo";

    [Fact]
    public async Task ADpopBoundToken_GoesAsDpop_WithAProofBindingIt()
    {
        using var key = DpopKey.Generate();
        var network = new ScriptedHandler();
        using var http = MandateHttpClient.Create(new FixedTokens("bound-token", "DPoP"), key, network);

        await http.GetAsync(new Uri(Resource));

        var sent = Assert.Single(network.Requests);
        Assert.Equal("DPoP bound-token", sent.Authorization);
        var result = new DpopProofValidator().Validate(sent.Proof, new DpopProofContext("GET", Resource) { AccessToken = "bound-token" }, DateTimeOffset.UtcNow);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(key.Thumbprint, result.Thumbprint);
    }

    [Fact]
    public async Task ABearerToken_GoesAsBearer_WithoutAProof()
    {
        using var key = DpopKey.Generate();
        var network = new ScriptedHandler();
        using var http = MandateHttpClient.Create(new FixedTokens("plain-token", "Bearer"), key, network);

        await http.GetAsync(new Uri(Resource));

        var sent = Assert.Single(network.Requests);
        Assert.Equal("Bearer plain-token", sent.Authorization);
        Assert.Empty(sent.Proofs);
    }

    [Fact]
    public async Task WithoutAKey_TokensGoAsTheyAre()
    {
        var network = new ScriptedHandler();
        using var http = MandateHttpClient.Create(new FixedTokens("plain-token", "bearer"), innerHandler: network);

        await http.GetAsync(new Uri(Resource));

        Assert.Equal("Bearer plain-token", Assert.Single(network.Requests).Authorization);
    }

    private sealed class FixedTokens(string token, string type) : IAccessTokenProvider
    {
        public ValueTask<TokenResponse> GetTokenAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TokenResponse { AccessToken = token, TokenType = type });
    }
}
