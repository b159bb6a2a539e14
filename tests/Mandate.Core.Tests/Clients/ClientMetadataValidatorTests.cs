using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.Clients;

public sealed class ClientMetadataValidatorTests
{
    private const string Jwks = """{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_DynamicWithoutAuthMethod_DefaultsToClientSecretBasic()
    {
        var result = Validate(Metadata(), ClientSource.Dynamic);

        Assert.Equal(TokenEndpointAuthMethods.ClientSecretBasic, result.Client!.TokenEndpointAuthMethod);
        Assert.Equal([GrantTypes.AuthorizationCode], result.Client.GrantTypes);
    }

    [Fact]
    public void Validate_MetadataDocumentWithoutAuthMethod_DefaultsToNone()
    {
        Assert.Equal(TokenEndpointAuthMethods.None, Validate(Metadata(), ClientSource.MetadataDocument).Client!.TokenEndpointAuthMethod);
    }

    [Theory]
    [InlineData(ClientSource.Dynamic)]
    [InlineData(ClientSource.MetadataDocument)]
    public void Validate_ClientCredentialsForSelfDescribedClient_Refused(ClientSource source)
    {
        var result = Validate(Metadata() with { GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials] }, source);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, result.Error!.Error);
        Assert.Null(result.Client);
    }

    [Fact]
    public void Validate_ClientCredentialsForOperatorRegisteredClient_Accepted()
    {
        var result = Validate(new ClientMetadata { GrantTypes = [GrantTypes.ClientCredentials], TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic }, ClientSource.Registered);

        Assert.Null(result.Error);
        Assert.Equal([GrantTypes.ClientCredentials], result.Client!.GrantTypes);
    }

    [Fact]
    public void Validate_UnknownGrantType_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, Validate(Metadata() with { GrantTypes = ["implicit"] }, ClientSource.Registered).Error!.Error);
    }

    [Fact]
    public void Validate_ResponseTypeToken_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, Validate(Metadata() with { ResponseTypes = ["code", "token"] }, ClientSource.Dynamic).Error!.Error);
    }

    [Theory]
    [InlineData("http://app.example.com/cb")]
    [InlineData("https://app.example.com/cb#frag")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/cb")]
    [InlineData("https://user:pass@app.example.com/cb")]
    public void Validate_BadRedirectUri_InvalidRedirectUri(string redirect)
    {
        var result = Validate(Metadata() with { RedirectUris = [TestRedirect, redirect] }, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.InvalidRedirectUri, result.Error!.Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7777/cb")]
    [InlineData("http://localhost/cb")]
    [InlineData("com.example.app:/oauth")]
    public void Validate_LoopbackOrPrivateUseRedirect_Accepted(string redirect)
    {
        Assert.Null(Validate(Metadata() with { RedirectUris = [redirect] }, ClientSource.Dynamic).Error);
    }

    [Fact]
    public void Validate_AuthorizationCodeWithoutRedirectUris_InvalidRedirectUri()
    {
        Assert.Equal(OAuthErrorCodes.InvalidRedirectUri, Validate(Metadata() with { RedirectUris = null }, ClientSource.Dynamic).Error!.Error);
    }

    [Theory]
    [InlineData(TokenEndpointAuthMethods.ClientSecretBasic)]
    [InlineData(TokenEndpointAuthMethods.ClientSecretPost)]
    public void Validate_MetadataDocumentWithSharedSecret_Refused(string method)
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = method }, ClientSource.MetadataDocument);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, result.Error!.Error);
    }

    [Fact]
    public void Validate_UnknownAuthMethod_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, Validate(Metadata() with { TokenEndpointAuthMethod = "tls_client_auth" }, ClientSource.Dynamic).Error!.Error);
    }

    [Fact]
    public void Validate_PrivateKeyJwtWithNeitherJwksNorUri_Refused()
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt }, ClientSource.Dynamic);

        Assert.Contains("exactly one", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrivateKeyJwtWithBothJwksAndUri_Refused()
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt, Jwks = Json(Jwks), JwksUri = "https://app.example.com/jwks" }, ClientSource.Dynamic);

        Assert.Contains("exactly one", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrivateKeyJwtWithInlineJwks_KeepsTheJwks()
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt, Jwks = Json(Jwks) }, ClientSource.MetadataDocument);

        Assert.Null(result.Error);
        Assert.Contains("P-256", result.Client!.Jwks, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpJwksUriForDynamicClient_Refused()
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt, JwksUri = "http://app.example.com/jwks" }, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, result.Error!.Error);
    }

    [Fact]
    public void Validate_JwksNotASet_Refused()
    {
        var result = Validate(Metadata() with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt, Jwks = Json("""{"kty":"EC"}""") }, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, result.Error!.Error);
    }

    [Fact]
    public void Validate_AllowedRedirectHosts_RefusesOtherHostsForDynamicClients()
    {
        var options = new RegistrationOptions { AllowedRedirectHosts = ["app.example.com"] };

        Assert.Null(Validate(Metadata(), ClientSource.Dynamic, options).Error);
        Assert.Null(Validate(Metadata() with { RedirectUris = ["https://APP.example.com/cb"] }, ClientSource.Dynamic, options).Error);
        Assert.Null(Validate(Metadata() with { RedirectUris = ["http://127.0.0.1:9000/cb"] }, ClientSource.Dynamic, options).Error);
        Assert.Equal(OAuthErrorCodes.InvalidRedirectUri, Validate(Metadata() with { RedirectUris = ["https://evil.example.net/cb"] }, ClientSource.Dynamic, options).Error!.Error);
    }

    [Fact]
    public void Validate_AllowedRedirectHosts_DoesNotApplyToOperatorRegisteredClients()
    {
        var options = new RegistrationOptions { AllowedRedirectHosts = ["app.example.com"] };

        Assert.Null(Validate(Metadata() with { RedirectUris = ["https://other.example.net/cb"] }, ClientSource.Registered, options).Error);
    }

    [Fact]
    public void Validate_MalformedScope_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, Validate(Metadata() with { Scope = "a\"b" }, ClientSource.Dynamic).Error!.Error);
    }

    [Fact]
    public void Validate_NameMissing_FallsBackToClientIdAndKeepsOnlyHttpsUris()
    {
        var result = Validate(Metadata() with { ClientName = " ", ClientUri = "http://app.example.com", LogoUri = "https://app.example.com/logo.png", Scope = "a b" }, ClientSource.Dynamic);

        Assert.Equal("client-1", result.Client!.Name);
        Assert.Null(result.Client.ClientUri);
        Assert.Equal("https://app.example.com/logo.png", result.Client.LogoUri);
        Assert.Equal(["a", "b"], result.Client.Scopes);
        Assert.Equal(Now, result.Client.CreatedAt);
    }

    [Fact]
    public void Validate_BadApplicationType_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, Validate(Metadata() with { ApplicationType = "desktop" }, ClientSource.Dynamic).Error!.Error);
    }

    private const string TestRedirect = "https://app.example.com/cb";

    private static ClientMetadata Metadata() => new() { ClientName = "App", RedirectUris = [TestRedirect] };

    private static ClientValidationResult Validate(ClientMetadata metadata, ClientSource source, RegistrationOptions? options = null) =>
        ClientMetadataValidator.Validate(metadata, source, "client-1", options ?? new RegistrationOptions(), Now);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
