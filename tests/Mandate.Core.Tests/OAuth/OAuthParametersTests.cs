using Mandate.Core.OAuth;

namespace Mandate.Core.Tests.OAuth;

public sealed class OAuthParametersTests
{
    [Fact]
    public void Indexer_SingleValue_Returned()
    {
        var parameters = OAuthParameters.From(("client_id", "abc"));

        Assert.Equal("abc", parameters["client_id"]);
        Assert.False(parameters.IsRepeated("client_id"));
    }

    [Fact]
    public void Indexer_EmptyValue_CountsAsAbsent()
    {
        Assert.Null(OAuthParameters.From(("scope", string.Empty))["scope"]);
    }

    [Fact]
    public void Indexer_Missing_Null()
    {
        Assert.Null(OAuthParameters.From(("a", "1"))["b"]);
    }

    [Fact]
    public void Indexer_NamesAreCaseSensitive()
    {
        Assert.Null(OAuthParameters.From(("Client_Id", "abc"))["client_id"]);
    }

    [Fact]
    public void IsRepeated_SentTwice_TrueAndFirstValueKept()
    {
        var parameters = OAuthParameters.From(("scope", "a"), ("scope", "b"));

        Assert.True(parameters.IsRepeated("scope"));
        Assert.Equal("a", parameters["scope"]);
    }

    [Fact]
    public void IsRepeated_SentTwiceEmpty_StillRepeated()
    {
        Assert.True(OAuthParameters.From(("state", string.Empty), ("state", string.Empty)).IsRepeated("state"));
    }

    [Fact]
    public void FirstRepeated_ReturnsTheFirstNameInTheGivenOrder()
    {
        var parameters = OAuthParameters.From(("b", "1"), ("b", "2"), ("c", "1"), ("c", "2"), ("a", "1"));

        Assert.Equal("c", parameters.FirstRepeated("a", "c", "b"));
        Assert.Null(parameters.FirstRepeated("a", "d"));
    }

    [Fact]
    public void Constructor_FromDictionaryShape_SkipsEmptyLists()
    {
        var parameters = new OAuthParameters(
        [
            new("code", (IReadOnlyList<string>)["x"]),
            new("state", (IReadOnlyList<string>)[]),
        ]);

        Assert.Equal("x", parameters["code"]);
        Assert.Null(parameters["state"]);
        Assert.Single(parameters.All);
    }
}
