using System.Text;
using System.Text.Json;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates.Enforcement;

/// <summary>The mandate_grants claim: a derived token keeps its ancestors' limits on the tools it still has.</summary>
public sealed class MandateGrantChainTests
{
    [Fact]
    public void Derive_MakesTheSubjectAnAncestorWithItsLimits_OnlyForToolsTheNewMandateKeeps()
    {
        var root = Parse(MandateExamples.Details(MandateExamples.Tool() + "," + MandateExamples.Tool("list_issues", null, 10) + "," + MandateExamples.Tool("comment", null, null)));
        var narrowed = Parse(MandateExamples.Details(MandateExamples.Tool(maxCalls: 2)));

        var chain = new MandateGrantChain([], "root").Derive(root, narrowed, "child");

        Assert.Equal("child", chain.Id);
        var ancestor = Assert.Single(chain.Ancestors);
        Assert.Equal("root", ancestor.Id);
        Assert.Equal(new Dictionary<string, int> { ["create_issue"] = 3 }, ancestor.MaxCalls);
        Assert.Equal(["root", "child"], chain.Ids);
    }

    [Fact]
    public void ASecondHop_KeepsEveryAncestor()
    {
        var root = Parse(MandateExamples.Details());
        var first = new MandateGrantChain([], "g0").Derive(root, root, "g1");

        var second = first.Derive(root, Parse(MandateExamples.Details(MandateExamples.Tool(maxCalls: 1))), "g2");

        Assert.Equal(["g0", "g1", "g2"], second.Ids);
        Assert.All(second.Ancestors, a => Assert.Equal(3, a.MaxCalls["create_issue"]));
    }

    [Fact]
    public void WriteThenRead_RoundTrips()
    {
        var root = Parse(MandateExamples.Details());
        var chain = new MandateGrantChain([], "g0").Derive(root, root, "g1");

        var read = MandateGrantChain.Read(Claim(chain));

        Assert.NotNull(read);
        Assert.Equal("g1", read.Id);
        Assert.Equal(3, Assert.Single(read.Ancestors).MaxCalls["create_issue"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""[{"id":""}]""")]
    [InlineData("""[{"id":3}]""")]
    [InlineData("""[{"id":"a","max_calls":{"t":0}},{"id":"b"}]""")]
    [InlineData("""[{"id":"a","max_calls":[1]},{"id":"b"}]""")]
    public void MalformedClaims_AreRefused(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(MandateGrantChain.Read(document.RootElement));
    }

    private static TaskMandate Parse(string details) => MandateParser.Parse(details, checkSchemas: false).Mandate!;

    private static JsonElement Claim(MandateGrantChain chain)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            chain.WriteProperty(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        return document.RootElement.GetProperty(MandateGrantChain.ClaimName).Clone();
    }
}
