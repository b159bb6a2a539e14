using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Mandate.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mandate.Tests.Cli;

[Collection(ConsoleTests.Name)]
public sealed class TokenCommandTests : IDisposable
{
    private readonly TempDataDir data = new();

    [Fact]
    public async Task Inspect_VerifiesWithTheDataDirectorysKeys_AndPrintsTheChain()
    {
        var token = await IssueAsync(new Actor("sub-sub-agent", "sub-sub-agent", new Actor("sub-agent", "sub-agent", new Actor("orchestrator", "orchestrator"))));

        var json = await data.RunAsync("token", "inspect", token.Token, "--json");
        var text = await data.RunAsync("token", "inspect", token.Token);

        Assert.Equal(0, json.ExitCode);
        Assert.True(json.Json.GetProperty("valid").GetBoolean());
        Assert.False(json.Json.GetProperty("revoked").GetBoolean());
        Assert.Equal(["sub-sub-agent", "sub-agent", "orchestrator"], json.Json.GetProperty("chain").EnumerateArray().Select(a => a.GetProperty("client_id").GetString()));
        Assert.Equal("usr_alice", json.Json.GetProperty("claims").GetProperty("sub").GetString());
        Assert.Contains("chain:      sub-sub-agent <- sub-agent <- orchestrator, for usr_alice", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_RevokedOrTampered_IsInvalid_ExitCodeOne()
    {
        var token = await IssueAsync(null);
        // Change one character in the middle of the signature: still valid base64url, no longer a valid signature.
        var middle = token.Token.LastIndexOf('.') + 20;
        var tampered = token.Token[..middle] + (token.Token[middle] == 'A' ? 'B' : 'A') + token.Token[(middle + 1)..];
        await data.Store<IRevokedAccessTokenStore>().RevokeAsync(token.TokenId, token.ExpiresAt, CancellationToken.None);

        var revoked = await data.RunAsync("token", "inspect", token.Token, "--json");
        var forged = await data.RunAsync("token", "inspect", tampered, "--json");

        Assert.Equal(1, revoked.ExitCode);
        Assert.True(revoked.Json.GetProperty("revoked").GetBoolean());
        Assert.True(revoked.Json.GetProperty("signature_valid").GetBoolean());
        Assert.Equal(1, forged.ExitCode);
        Assert.False(forged.Json.GetProperty("signature_valid").GetBoolean());
        Assert.Empty(forged.Json.GetProperty("chain").EnumerateArray());
    }

    [Fact]
    public async Task Inspect_NotAJws_IsRefused()
    {
        var result = await data.RunAsync("token", "inspect", "not-a-token");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Not a compact JWS", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();

    private async Task<IssuedAccessToken> IssueAsync(Actor? actor)
    {
        await data.RunAsync("audit", "list");
        var options = Options.Create(new MandateOptions { Issuer = "http://127.0.0.1:5080", DataDir = data.Path });
        using var keys = new KeyRing(new FileSigningKeyStore(Path.Combine(data.Path, "keys")), options, TimeProvider.System, NullLogger<KeyRing>.Instance);
        await keys.RefreshAsync(CancellationToken.None);
        return new AccessTokenIssuer(keys, options, TimeProvider.System).Issue(new AccessTokenRequest
        {
            Subject = "usr_alice",
            ClientId = actor?.ClientId ?? "orchestrator",
            Resource = "http://127.0.0.1:5080/mcp/demo",
            Scopes = ["mcp:read"],
            Actor = actor,
        });
    }
}
