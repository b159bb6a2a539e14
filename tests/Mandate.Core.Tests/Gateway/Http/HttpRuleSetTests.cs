using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;

namespace Mandate.Core.Tests.Gateway.Http;

public sealed class HttpRuleSetTests
{
    [Theory]
    [InlineData("GET", PermissionLevel.Read)]
    [InlineData("HEAD", PermissionLevel.Read)]
    [InlineData("OPTIONS", PermissionLevel.Read)]
    [InlineData("POST", PermissionLevel.Destructive)]
    [InlineData("PUT", PermissionLevel.Destructive)]
    [InlineData("PATCH", PermissionLevel.Destructive)]
    [InlineData("DELETE", PermissionLevel.Destructive)]
    [InlineData("PROPFIND", PermissionLevel.Destructive)]
    public void NoRules_MethodDefaults(string method, PermissionLevel level)
    {
        var result = HttpRuleSet.Empty.Classify(method, Path("/anything"));

        Assert.Equal(level, result.Level);
        Assert.Null(result.Rule);
        Assert.Equal("method default", result.Reason);
    }

    [Fact]
    public void MoreLiteralSegmentsWin_WhateverTheOrderAdded()
    {
        var rules = new HttpRuleSet([Rule(1, "*", "/repos/**", PermissionLevel.Deny), Rule(2, "POST", "/repos/*/issues", PermissionLevel.Write)]);

        Assert.Equal(PermissionLevel.Write, rules.Classify("POST", Path("/repos/a/issues")).Level);
        Assert.Equal(PermissionLevel.Deny, rules.Classify("POST", Path("/repos/a/pulls")).Level);
        Assert.Equal(PermissionLevel.Deny, rules.Classify("GET", Path("/repos/a/issues")).Level);
    }

    [Fact]
    public void FixedLengthBeatsOpenEnded_NamedMethodBeatsAny_OlderBeatsNewer()
    {
        var rules = new HttpRuleSet(
        [
            Rule(1, "GET", "/a/**", PermissionLevel.Deny),
            Rule(2, "GET", "/a/*", PermissionLevel.Write),
            Rule(3, "*", "/b", PermissionLevel.Deny),
            Rule(4, "GET", "/b", PermissionLevel.Read),
            Rule(5, "GET", "/c", PermissionLevel.Write),
            Rule(6, "GET", "/c", PermissionLevel.Deny),
        ]);

        Assert.Equal(2, rules.Classify("GET", Path("/a/x")).Rule!.Id);
        Assert.Equal(1, rules.Classify("GET", Path("/a/x/y")).Rule!.Id);
        Assert.Equal(4, rules.Classify("GET", Path("/b")).Rule!.Id);
        Assert.Equal(3, rules.Classify("POST", Path("/b")).Rule!.Id);
        Assert.Equal(5, rules.Classify("GET", Path("/c")).Rule!.Id);
        Assert.Equal([2L, 4, 5, 6, 3, 1], rules.InOrder.Select(r => r.Id));
    }

    [Fact]
    public void AGetRuleAlsoGovernsHead()
    {
        var rules = new HttpRuleSet([Rule(1, "GET", "/secret/**", PermissionLevel.Deny)]);

        Assert.Equal(PermissionLevel.Deny, rules.Classify("HEAD", Path("/secret/x")).Level);
        Assert.Equal(PermissionLevel.Read, rules.Classify("OPTIONS", Path("/secret/x")).Level);
    }

    [Fact]
    public void RulesMatchTheDecodedPath_HoweverItWasEncoded()
    {
        var rules = new HttpRuleSet([Rule(1, "*", "/admin/**", PermissionLevel.Deny)]);

        Assert.Equal(PermissionLevel.Deny, rules.Classify("GET", Path("/%61dmin/users")).Level);
        Assert.Equal(PermissionLevel.Deny, rules.Classify("GET", Path("//admin//users")).Level);
        Assert.Equal(PermissionLevel.Read, rules.Classify("GET", Path("/Admin/users")).Level);
    }

    [Fact]
    public void Reason_NamesTheRule()
    {
        var rules = new HttpRuleSet([Rule(7, "GET", "/repos/**", PermissionLevel.Read)]);

        Assert.Equal("rule 7 (GET /repos/**)", rules.Classify("GET", Path("/repos/x")).Reason);
    }

    private static HttpPath Path(string raw) => HttpPath.Parse(raw, out _)!;

    private static HttpRule Rule(long id, string method, string path, PermissionLevel level) =>
        new(id, "api", method, PathPattern.Parse(path, out _)!.Text, level, DateTimeOffset.UnixEpoch);
}
