using System.Reflection;
using Mandate.Protocol.OAuth;

namespace Mandate.Protocol.Tests.OAuth;

public class OAuthErrorTests
{
    [Fact]
    public void OAuthErrorCodes_EveryConstant_IsSnakeCaseOfItsName()
    {
        var fields = typeof(OAuthErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.Equal(25, fields.Length);
        foreach (var field in fields)
        {
            var value = (string)field.GetRawConstantValue()!;
            var pascal = string.Concat(value.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            Assert.Equal(field.Name, pascal);
        }
    }

    [Theory]
    [InlineData("invalid_request", OAuthErrorCodes.InvalidRequest)]
    [InlineData("invalid_target", OAuthErrorCodes.InvalidTarget)]
    [InlineData("invalid_dpop_proof", OAuthErrorCodes.InvalidDpopProof)]
    [InlineData("use_dpop_nonce", OAuthErrorCodes.UseDpopNonce)]
    [InlineData("unsupported_token_type", OAuthErrorCodes.UnsupportedTokenType)]
    [InlineData("invalid_authorization_details", OAuthErrorCodes.InvalidAuthorizationDetails)]
    [InlineData("invalid_request_uri", OAuthErrorCodes.InvalidRequestUri)]
    public void OAuthErrorCodes_Constant_HasRfcValue(string expected, string actual)
    {
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void InvalidRequest_WithDescription_SetsCodeAndDescription()
    {
        var error = OAuthError.InvalidRequest("missing code_verifier");
        Assert.Equal("invalid_request", error.Error);
        Assert.Equal("missing code_verifier", error.Description);
    }

    [Fact]
    public void EveryHelper_WithoutDescription_UsesMatchingCodeAndNullDescription()
    {
        var helpers = typeof(OAuthError)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(OAuthError) && m.GetParameters().Length == 1)
            .ToList();
        Assert.Equal(25, helpers.Count);
        foreach (var helper in helpers)
        {
            var error = (OAuthError)helper.Invoke(null, [null])!;
            var expected = (string)typeof(OAuthErrorCodes).GetField(helper.Name)!.GetRawConstantValue()!;
            Assert.Equal(expected, error.Error);
            Assert.Null(error.Description);
        }
    }

    [Fact]
    public void OAuthError_SameValues_AreEqual()
    {
        Assert.Equal(OAuthError.InvalidGrant("x"), new OAuthError("invalid_grant", "x"));
        Assert.NotEqual(OAuthError.InvalidGrant("x"), OAuthError.InvalidClient("x"));
    }
}
