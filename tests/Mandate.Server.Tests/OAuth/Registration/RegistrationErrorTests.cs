using System.Net;
using System.Text;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Registration;

/// <summary>Invalid registrations: invalid_redirect_uri or invalid_client_metadata, 400, nothing stored.</summary>
public sealed class RegistrationErrorTests(RestrictedRedirectHostsFixture fixture) : IClassFixture<RestrictedRedirectHostsFixture>
{
    [Theory]
    [InlineData("""{"redirect_uris":["http://evil.example/cb"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb#frag"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["javascript:alert(1)"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://user@app.example.com/cb"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["/relative/cb"]}""", "invalid_redirect_uri")]
    [InlineData("""{"client_name":"no redirect"}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://other.example.com/cb"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"grant_types":["implicit"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"response_types":["token"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"tls_client_auth"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_id":"chosen-by-me"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"application_type":"desktop"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"scope":"a\"b"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":"https://app.example.com/cb"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"]""", "invalid_client_metadata")]
    public async Task InvalidMetadata_Is400WithTheRightError(string body, string error)
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/register", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task NotJson_IsInvalidRequest()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/register", [("redirect_uris", "https://app.example.com/cb")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task AllowedRedirectHost_IsAccepted()
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/register", new StringContent("""{"redirect_uris":["https://app.example.com/cb","http://localhost:7777/cb"],"token_endpoint_auth_method":"none"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
