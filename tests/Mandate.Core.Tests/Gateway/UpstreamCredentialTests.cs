using Mandate.Core.Gateway;

namespace Mandate.Core.Tests.Gateway;

public sealed class UpstreamCredentialTests
{
    [Theory]
    [InlineData(null, CredentialPlacement.Bearer, null, "bearer")]
    [InlineData("bearer", CredentialPlacement.Bearer, null, "bearer")]
    [InlineData("header:X-Api-Key", CredentialPlacement.Header, "X-Api-Key", "header:X-Api-Key")]
    [InlineData("header:authorization", CredentialPlacement.Bearer, null, "bearer")]
    [InlineData("query:api_key", CredentialPlacement.Query, "api_key", "query:api_key")]
    public void Parse_ReadsEveryPlacement_AndWritesItBack(string? placement, CredentialPlacement expected, string? name, string written)
    {
        var credential = UpstreamCredential.Parse("connector:github", placement, out var error);

        Assert.Null(error);
        Assert.Equal(new UpstreamCredential("github", expected, name), credential);
        Assert.Equal(written, credential!.As);
        Assert.Equal(credential, UpstreamCredential.Parse("connector:github", credential.As, out _));
    }

    [Theory]
    [InlineData("github", null)]
    [InlineData("connector:", null)]
    [InlineData("connector:Git Hub", null)]
    [InlineData("connector:github", "header:Host")]
    [InlineData("connector:github", "header:Cookie")]
    [InlineData("connector:github", "header:Mcp-Session-Id")]
    [InlineData("connector:github", "header:bad name")]
    [InlineData("connector:github", "query:")]
    [InlineData("connector:github", "query:a&b")]
    [InlineData("connector:github", "basic")]
    public void Parse_RefusesWhatCannotBeInjectedSafely(string credential, string? placement)
    {
        Assert.Null(UpstreamCredential.Parse(credential, placement, out var error));
        Assert.NotNull(error);
    }
}
