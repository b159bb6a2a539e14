using Mandate.Core.Resources;

namespace Mandate.Core.Tests.Resources;

public sealed class ScopeDescriberTests
{
    private static readonly ProtectedResource Plain = new() { Uri = "https://r.example.com", Name = "R" };

    [Fact]
    public void Describe_OperatorDescription_Wins()
    {
        var resource = Plain with { ScopeDescriptions = new Dictionary<string, string> { ["mail.read"] = "Read your mail" } };

        Assert.Equal("Read your mail", ScopeDescriber.Describe(resource, "mail.read"));
    }

    [Fact]
    public void Describe_BlankOperatorDescription_FallsBackToTheName()
    {
        var resource = Plain with { ScopeDescriptions = new Dictionary<string, string> { ["mail.read"] = " " } };

        Assert.Equal("Read: mail", ScopeDescriber.Describe(resource, "mail.read"));
    }

    [Theory]
    [InlineData("mail.read", "Read: mail")]
    [InlineData("write:calendar", "Create and change: calendar")]
    [InlineData("files_delete", "Delete: files")]
    [InlineData("admin/users/groups", "Administer: users groups")]
    [InlineData("tools.call", "Call: tools")]
    [InlineData("MAIL.SEND", "Send: MAIL")]
    public void Describe_KnownVerb_ReadsTheName(string scope, string expected)
    {
        Assert.Equal(expected, ScopeDescriber.Describe(Plain, scope));
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("read")]
    [InlineData("mail.frobnicate")]
    public void Describe_NoVerbOrSinglePart_QuotesTheName(string scope)
    {
        Assert.Equal($"Use \"{scope}\"", ScopeDescriber.Describe(Plain, scope));
    }
}
