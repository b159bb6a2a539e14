using System.Net;
using Mandate.Client.Ciba;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.Ciba;

/// <summary>What the CIBA client sends and how it waits, against a scripted network and a fake clock.</summary>
public sealed class CibaClientTests : IDisposable
{
    private const string Endpoint = "https://as.example.com/bc-authorize";
    private const string TokenEndpoint = "https://as.example.com/token";
    private const string TokenJson = """{"access_token":"the.token","token_type":"Bearer","expires_in":300,"scope":"tools.read"}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly ScriptedHandler network = new();
    private readonly FakeTimeProvider time = new(Now);
    private readonly List<DateTimeOffset> tokenRequestTimes = [];

    [Fact]
    public async Task Start_SendsTheCibaForm_WithOpenidAddedAndClientAuthentication()
    {
        network.Then(HttpStatusCode.OK, """{"auth_req_id":"req-123456789","expires_in":120,"interval":2}""");
        using var client = Client();

        var started = await client.StartAsync(new BackchannelAuthenticationRequest
        {
            LoginHint = "alice",
            Scopes = ["tools.read"],
            Resource = "https://rs.example.com/mcp",
            BindingMessage = "W7",
            RequestedExpiry = TimeSpan.FromMinutes(2),
            AuthorizationDetails = """[{"type":"mandate"}]""",
        });

        var sent = Assert.Single(network.Requests);
        Assert.Equal(Endpoint, sent.Uri.AbsoluteUri);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["login_hint"] = "alice",
                ["scope"] = "openid tools.read",
                ["resource"] = "https://rs.example.com/mcp",
                ["binding_message"] = "W7",
                ["requested_expiry"] = "120",
                ["authorization_details"] = """[{"type":"mandate"}]""",
            },
            sent.Form);
        Assert.StartsWith("Basic ", sent.Authorization, StringComparison.Ordinal);
        Assert.Equal("req-123456789", started.AuthReqId);
        Assert.Equal(Now.AddSeconds(120), started.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(2), started.Interval);
        Assert.DoesNotContain("req-123456789", started.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Refused_ThrowsTheOAuthError()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"unknown_user_id","error_description":"no such user"}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.StartAsync(new BackchannelAuthenticationRequest { LoginHint = "nobody", Resource = "https://rs.example.com/mcp" }));

        Assert.Equal("unknown_user_id", error.Error);
    }

    [Fact]
    public async Task Wait_HonoursTheInterval_AndEachSlowDown_ThenReturnsTheTokens()
    {
        network.Then(Token(HttpStatusCode.BadRequest, """{"error":"authorization_pending"}"""))
            .Then(Token(HttpStatusCode.BadRequest, """{"error":"slow_down"}"""))
            .Then(Token(HttpStatusCode.BadRequest, """{"error":"authorization_pending"}"""))
            .Then(Token(HttpStatusCode.OK, TokenJson));
        using var client = Client();

        var result = await DriveAsync(client.WaitAsync(Started(interval: 2)));

        Assert.Equal(CibaOutcome.Approved, result.Outcome);
        Assert.Equal("the.token", result.Tokens!.AccessToken);
        Assert.Equal([Now.AddSeconds(2), Now.AddSeconds(4), Now.AddSeconds(11), Now.AddSeconds(18)], tokenRequestTimes);
        Assert.All(network.Requests, r => Assert.Equal(
            new Dictionary<string, string> { ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = "req-123456789" }, r.Form));
    }

    [Theory]
    [InlineData("access_denied", CibaOutcome.Denied)]
    [InlineData("expired_token", CibaOutcome.Expired)]
    public async Task Wait_DeniedOrExpired_TypedResult(string error, CibaOutcome outcome)
    {
        network.Then(Token(HttpStatusCode.BadRequest, $$"""{"error":"{{error}}"}"""));
        using var client = Client();

        var result = await DriveAsync(client.WaitAsync(Started(interval: 1)));

        Assert.Equal(outcome, result.Outcome);
        Assert.Null(result.Tokens);
    }

    [Fact]
    public async Task Wait_OtherErrors_Throw()
    {
        network.Then(Token(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}"""));
        using var client = Client();

        var error = await Assert.ThrowsAsync<OAuthException>(() => DriveAsync(client.WaitAsync(Started(interval: 1))));

        Assert.Equal("invalid_grant", error.Error);
    }

    [Fact]
    public async Task Wait_NetworkFailures_BackOffDoubling_AndNeverPastTheExpiry()
    {
        network.Otherwise = request =>
        {
            tokenRequestTimes.Add(time.GetUtcNow());
            throw new HttpRequestException("connection refused");
        };
        using var client = Client();

        var result = await DriveAsync(client.WaitAsync(Started(interval: 1, expiresIn: 20)));

        Assert.Equal(CibaOutcome.Expired, result.Outcome);
        Assert.Equal([Now.AddSeconds(1), Now.AddSeconds(3), Now.AddSeconds(7), Now.AddSeconds(15), Now.AddSeconds(20)], tokenRequestTimes);
    }

    public void Dispose() => network.Dispose();

    private Func<HttpRequestMessage, HttpResponseMessage> Token(HttpStatusCode status, string json) => _ =>
    {
        tokenRequestTimes.Add(time.GetUtcNow());
        return ScriptedHandler.Response(status, json);
    };

    private static BackchannelAuthentication Started(int interval, int expiresIn = 120) =>
        new() { AuthReqId = "req-123456789", ExpiresAt = Now.AddSeconds(expiresIn), Interval = TimeSpan.FromSeconds(interval) };

    /// <summary>Moves the fake clock a second at a time until the wait finishes.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            await Task.Delay(5);
            if (!task.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await task;
    }

    private CibaClient Client() => new(
        new TokenClientOptions { TokenEndpoint = TokenEndpoint, ClientAuthentication = new ClientSecretBasic("agent", "secret-of-the-agent"), TimeProvider = time },
        network,
        disposeHandler: false,
        Endpoint);
}
