using System.Net;
using Mandate.Server.Tests.OAuth.Mandates;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>Backchannel requests refused with CIBA section 13's errors, before anyone is asked.</summary>
public sealed class CibaRefusalTests(CibaFixture fixture) : IClassFixture<CibaFixture>
{
    public static TheoryData<string, string, string> Refusals => new()
    {
        { "login_hint", "nobody", "unknown_user_id" },
        { "id_token_hint", "eyJhbGciOiJub25lIn0.e30.", "invalid_request" },
        { "login_hint_token", "opaque", "invalid_request" },
        { "binding_message", new string('x', 101), "invalid_binding_message" },
        { "binding_message", "two\nlines", "invalid_binding_message" },
        { "requested_expiry", "0", "invalid_request" },
        { "requested_expiry", "999999", "invalid_request" },
        { "requested_expiry", "12.5", "invalid_request" },
        { "scope", "openid files.read", "invalid_scope" },
        { "resource", "https://unknown.example.com/mcp", "invalid_target" },
        { "user_code", "1234", "invalid_request" },
        { "request", "eyJhbGciOiJFUzI1NiJ9.e30.sig", "invalid_request" },
        { "authorization_details", """[{"type":"payment"}]""", "invalid_authorization_details" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_WithTheSpecError(string name, string value, string error)
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var replacesHint = name is "login_hint" or "id_token_hint" or "login_hint_token";
        var fields = CibaHttp.Request().Where(f => f.Name != name && !(replacesHint && f.Name == "login_hint")).ToList();
        fields.Add((name, value));

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret, [.. fields]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task TwoHints_InvalidRequest()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret, CibaHttp.Request(("login_hint_token", "x")));

        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task ClientWithoutTheCibaGrant_UnauthorizedClient()
    {
        var response = await CibaHttp.StartAsync(fixture.Issuer, fixture.Confidential.ClientId, fixture.ConfidentialSecret, CibaHttp.Request());

        Assert.Equal("unauthorized_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task WrongSecret_InvalidClient401()
    {
        var (client, _) = await fixture.NewCibaClientAsync();

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, "wrong", CibaHttp.Request());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task RequestedExpiry_BeyondTheMandate_IsCutToTheMandate()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var mandateEnd = DateTimeOffset.UtcNow.AddSeconds(90).ToUnixTimeSeconds();

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret,
            CibaHttp.Request(("requested_expiry", "1800"), ("authorization_details", MandateRequests.Details(expiresAt: mandateEnd))));

        Assert.InRange((await OAuthHttp.JsonAsync(response)).GetProperty("expires_in").GetInt32(), 1, 90);
    }

    [Fact]
    public async Task MoreThanFiveWaitingForOnePerson_AccessDenied_OtherClientsUnaffected()
    {
        var (flooder, secret) = await fixture.NewCibaClientAsync();
        var (other, otherSecret) = await fixture.NewCibaClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await CibaHttp.AuthReqIdAsync(fixture.Issuer, flooder.ClientId, secret);
        }

        var sixth = await CibaHttp.StartAsync(fixture.Issuer, flooder.ClientId, secret, CibaHttp.Request());
        var others = await CibaHttp.StartAsync(fixture.Issuer, other.ClientId, otherSecret, CibaHttp.Request());

        Assert.Equal("access_denied", await OAuthHttp.ErrorAsync(sixth));
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [Fact]
    public async Task Discovery_ListsTheCibaMetadata()
    {
        var metadata = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(fixture.Issuer + "/.well-known/openid-configuration"));

        Assert.Equal(fixture.Issuer + "/bc-authorize", metadata.GetProperty("backchannel_authentication_endpoint").GetString());
        Assert.Equal(["poll", "ping"], metadata.GetProperty("backchannel_token_delivery_modes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(metadata.GetProperty("backchannel_user_code_parameter_supported").GetBoolean());
        Assert.Contains("urn:openid:params:grant-type:ciba", metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
