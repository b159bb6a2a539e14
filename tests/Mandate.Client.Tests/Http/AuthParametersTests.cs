using Mandate.Client.Http;

namespace Mandate.Client.Tests.Http;

public sealed class AuthParametersTests
{
    [Theory]
    [InlineData("error=\"use_dpop_nonce\"", "error", "use_dpop_nonce")]
    [InlineData("error=use_dpop_nonce", "error", "use_dpop_nonce")]
    [InlineData("algs=\"ES256 PS256\", error=\"use_dpop_nonce\"", "error", "use_dpop_nonce")]
    [InlineData("ERROR=\"x\"", "error", "x")]
    [InlineData("error_description=\"a \\\"quoted\\\", text\", error=\"invalid_token\"", "error", "invalid_token")]
    [InlineData("error_description=\"a \\\"quoted\\\", text\"", "error_description", "a \"quoted\", text")]
    [InlineData("realm=\"mcp\" , scope=\"a b\"", "scope", "a b")]
    [InlineData("error_uri=\"x\"", "error", null)]
    [InlineData("", "error", null)]
    [InlineData("no-equals-sign", "error", null)]
    [InlineData("error=\"unterminated", "error", "unterminated")]
    public void Find_ReadsTokenAndQuotedValues(string parameters, string name, string? expected) =>
        Assert.Equal(expected, AuthParameters.Find(parameters, name));
}
