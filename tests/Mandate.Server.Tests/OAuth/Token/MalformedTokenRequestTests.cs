using System.Net;
using System.Text;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>Whatever arrives at /token, the answer is an OAuth error, never a 500.</summary>
public sealed class MalformedTokenRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task JsonBody_IsInvalidRequest()
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task NoBody_IsInvalidRequest()
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", null);

        await AssertErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task MultipartBody_IsInvalidRequest()
    {
        using var content = new MultipartFormDataContent { { new StringContent("client_credentials"), "grant_type" } };

        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", content);

        await AssertErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task BodyOver64KiB_WithContentLength_IsInvalidRequest()
    {
        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", HugeForm());

        await AssertErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task BodyOver64KiB_Chunked_IsInvalidRequest()
    {
        var bytes = await HugeForm().ReadAsByteArrayAsync();
        var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await OAuthHttp.Client.PostAsync(fixture.Issuer + "/token", content);

        Assert.True(response.Headers.TransferEncodingChunked != true || content.Headers.ContentLength is null);
        await AssertErrorAsync(response, "invalid_request");
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("scope")]
    [InlineData("client_id")]
    public async Task DuplicateParameter_IsInvalidRequest(string name)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("scope", "tools.read"), ("client_id", fixture.Confidential.ClientId),
            (name, name == "client_id" ? fixture.Confidential.ClientId : name == "scope" ? "tools.call" : "client_credentials"),
        };

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/token", fields, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        await AssertErrorAsync(response, "invalid_request");
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task UnknownOrMissingGrant_IsRefused(string grant, string error)
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret), ("grant_type", grant));

        await AssertErrorAsync(response, error);
    }

    [Fact]
    public async Task VeryLongGrantType_IsRefusedWithShortDescription()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret), ("grant_type", new string('g', 5000)));

        await AssertErrorAsync(response, "unsupported_grant_type");
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 500);
    }

    [Fact]
    public async Task BadPercentEncoding_IsNeverAServerError()
    {
        var content = new StringContent("grant_type=%ZZ%&resource=%", Encoding.ASCII, "application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Issuer + "/token") { Content = content };
        request.Headers.Authorization = OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret);

        var response = await OAuthHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task Get_IsNotAllowed()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/token?grant_type=client_credentials");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static FormUrlEncodedContent HugeForm() => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["padding"] = new string('x', 70 * 1024),
    });

    private static async Task AssertErrorAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }
}
