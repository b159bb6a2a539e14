using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>client_credentials with shared secrets: Basic (RFC 6749 section 2.3.1 encoding) and post; failures are 401.</summary>
public sealed class ClientSecretTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Basic_IssuesTokenWithoutRefreshToken()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret),
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("scope", "tools.read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await OAuthHttp.JsonAsync(response);
        Assert.Equal("tools.read", body.GetProperty("scope").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal(fixture.Confidential.ClientId, CompactJws.TryParse(body.GetProperty("access_token").GetString())!.GetClaim("sub"));
    }

    [Fact]
    public async Task Post_IssuesToken_WithEveryListedScopeWhenNoneAsked()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource),
            ("client_id", fixture.Confidential.ClientId), ("client_secret", fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tools.read tools.call", (await OAuthHttp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Basic_DecodesFormEncodedClientIdAndSecret()
    {
        const string id = "svc:a+b/c d%e&f=g";
        var (client, secret) = await fixture.Server.AddClientAsync(new ClientMetadata
        {
            ClientId = id,
            ClientName = "Reserved characters",
            GrantTypes = [GrantTypes.ClientCredentials],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            Scope = "tools.read",
        });
        Assert.Equal(id, client.ClientId);

        var encoded = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(id, secret!), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));
        var raw = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret)));
        var unencoded = await OAuthHttp.TokenAsync(fixture.Issuer, raw, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));

        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal(id, CompactJws.TryParse((await OAuthHttp.JsonAsync(encoded)).GetProperty("access_token").GetString())!.GetClaim("client_id"));
        Assert.Equal(HttpStatusCode.Unauthorized, unencoded.StatusCode);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task WrongSecretOrUnknownClient_Is401InvalidClient_WithBasicChallengeWhenBasicWasUsed(bool basic, bool unknownClient)
    {
        var id = unknownClient ? "no-such-client" : fixture.Confidential.ClientId;
        var response = basic
            ? await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(id, "wrong-secret"), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource))
            : await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("client_id", id), ("client_secret", "wrong-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
        if (basic)
        {
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic bm8tY29sb24=")]
    [InlineData("Bearer abc")]
    public async Task MalformedAuthorizationHeader_Is401WithChallenge(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = TestFlow.Resource }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await OAuthHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task TwoAuthenticationMethods_AreRefused()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret),
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("client_secret", fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Theory]
    [InlineData("files.read", TestFlow.Resource, "invalid_scope")]
    [InlineData("admin", TestFlow.Resource, "invalid_scope")]
    [InlineData("tools.read", ServerFixture.OtherResource, "invalid_scope")]
    [InlineData("tools.read", "https://unknown.example.com", "invalid_target")]
    [InlineData("tools.read", null, "invalid_target")]
    public async Task ScopeOrResourceNotAllowed_IsRefused(string scope, string? resource, string error)
    {
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("scope", scope) };
        if (resource is not null)
        {
            fields.Add(("resource", resource));
        }

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/token", fields, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task PublicClient_CannotUseClientCredentials()
    {
        var client = (await fixture.Server.AddPublicClientAsync(TestFlow.Redirect, GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials)).Client;

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("client_id", client.ClientId));

        Assert.Equal("unauthorized_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task ClientWithoutTheGrant_IsUnauthorizedClient()
    {
        var (client, secret) = await fixture.Server.AddConfidentialClientAsync(TestFlow.Redirect, "tools.read", GrantTypes.AuthorizationCode);

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(client.ClientId, secret!), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", await OAuthHttp.ErrorAsync(response));
    }
}
