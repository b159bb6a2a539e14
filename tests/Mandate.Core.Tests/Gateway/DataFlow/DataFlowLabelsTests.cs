using Mandate.Core.Gateway;
using Mandate.Core.Gateway.DataFlow;

namespace Mandate.Core.Tests.Gateway.DataFlow;

/// <summary>A tool's data-flow labels: the operator's word, else egress from openWorldHint on trusted upstreams only.</summary>
public sealed class DataFlowLabelsTests
{
    private const string OpenWorld = """{"name":"send_mail","annotations":{"openWorldHint":true}}""";

    [Fact]
    public void OpenWorldHint_IsEgress_OnlyWhenTheUpstreamIsTrusted()
    {
        var policy = Policy(OpenWorld);

        Assert.Equal(DataFlowLabels.Egress, ToolDataFlow.Of(policy, trustAnnotations: true));
        Assert.Equal(DataFlowLabels.None, ToolDataFlow.Of(policy, trustAnnotations: false));
        Assert.Equal(DataFlowLabels.None, ToolDataFlow.Of(Policy("""{"name":"x","annotations":{"openWorldHint":false}}"""), trustAnnotations: true));
        Assert.Equal(DataFlowLabels.None, ToolDataFlow.Of(Policy("""{"name":"x"}"""), trustAnnotations: true));
    }

    [Fact]
    public void TheOperatorsLabels_WinOverTheHint()
    {
        Assert.Equal(DataFlowLabels.None, ToolDataFlow.Of(Policy(OpenWorld) with { LabelOverride = DataFlowLabels.None }, trustAnnotations: true));
        Assert.Equal(DataFlowLabels.Private, ToolDataFlow.Of(Policy("""{"name":"read_inbox"}""") with { LabelOverride = DataFlowLabels.Private }, trustAnnotations: false));
    }

    [Fact]
    public void AnUnknownTool_HasNoLabels() => Assert.Equal(DataFlowLabels.None, ToolDataFlow.Of(null, trustAnnotations: true));

    [Theory]
    [InlineData("private", DataFlowLabels.Private)]
    [InlineData("egress", DataFlowLabels.Egress)]
    [InlineData("private,egress", DataFlowLabels.Private | DataFlowLabels.Egress)]
    [InlineData("egress, private", DataFlowLabels.Private | DataFlowLabels.Egress)]
    [InlineData("none", DataFlowLabels.None)]
    public void Words_Parse(string word, DataFlowLabels expected)
    {
        Assert.True(DataFlowLabelNames.TryParse(word, out var labels));
        Assert.Equal(expected, labels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("none,private")]
    [InlineData("private,")]
    public void OtherWords_DoNot(string word) => Assert.False(DataFlowLabelNames.TryParse(word, out _));

    private static ToolPolicy Policy(string definition) =>
        new() { Upstream = "mail", Tool = "t", Status = ToolPolicyStatus.Approved, ApprovedDefinition = definition };
}
