using System.Text;
using Mandate.Core.Mandates.Enforcement;

namespace Mandate.Core.Tests.Mandates.Enforcement;

/// <summary>Argument schemas evaluated with JsonSchema.Net (draft 2020-12): which argument fails which constraint, never the value.</summary>
public sealed class CompiledArgumentSchemaTests
{
    private static readonly CompiledArgumentSchema IssueSchema = new(MandateExamples.IssueSchema);

    [Fact]
    public void ArgumentsWithinTheSchema_Pass() =>
        Assert.Null(IssueSchema.FirstFailure(Json("""{"repo":"acme/web","title":"Login button does nothing"}""")));

    [Fact]
    public void ATooLongTitle_NamesTheArgumentAndTheConstraint_NotTheValue()
    {
        var secret = "sk-live-" + new string('x', 90);

        var failure = IssueSchema.FirstFailure(Json($$"""{"repo":"acme/web","title":"{{secret}}"}"""));

        Assert.Equal("argument 'title' fails constraint 'maxLength'", failure);
        Assert.DoesNotContain("sk-live", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherRepo_FailsConst() =>
        Assert.Equal("argument 'repo' fails constraint 'const'", IssueSchema.FirstFailure(Json("""{"repo":"acme/secret-infra","title":"x"}""")));

    [Fact]
    public void AMissingArgument_FailsRequired_AtTheTop() =>
        Assert.Equal("the arguments fail constraint 'required'", IssueSchema.FirstFailure(Json("""{"repo":"acme/web"}""")));

    [Fact]
    public void AbsentArguments_AreCheckedAsAnEmptyObject() =>
        Assert.Equal("the arguments fail constraint 'required'", IssueSchema.FirstFailure(null));

    [Fact]
    public void AnExtraArgument_FailsAdditionalProperties()
    {
        var schema = new CompiledArgumentSchema("""{"type":"object","properties":{"to":{"type":"string"}},"additionalProperties":false}""");

        var failure = schema.FirstFailure(Json("""{"to":"a@example.com","bcc":"b@example.com"}"""));

        Assert.Equal("argument 'bcc' fails constraint 'additionalProperties'", failure);
    }

    [Fact]
    public void ANarrowedSchema_EnforcesBothTheParentsAndTheAddedConstraints()
    {
        var narrowed = new CompiledArgumentSchema("""{"allOf":[""" + MandateExamples.IssueSchema + """,{"properties":{"title":{"pattern":"^bug: "}}}]}""");

        Assert.Null(narrowed.FirstFailure(Json("""{"repo":"acme/web","title":"bug: crash"}""")));
        Assert.Equal("argument 'title' fails constraint 'pattern'", narrowed.FirstFailure(Json("""{"repo":"acme/web","title":"feature: dark mode"}""")));
        Assert.Equal("argument 'repo' fails constraint 'const'", narrowed.FirstFailure(Json("""{"repo":"acme/other","title":"bug: crash"}""")));
    }

    [Fact]
    public void NumbersAndEnums_AreChecked()
    {
        var schema = new CompiledArgumentSchema("""{"type":"object","properties":{"amount":{"type":"number","maximum":100},"currency":{"enum":["EUR","USD"]}}}""");

        Assert.Null(schema.FirstFailure(Json("""{"amount":99.5,"currency":"EUR"}""")));
        Assert.Equal("argument 'amount' fails constraint 'maximum'", schema.FirstFailure(Json("""{"amount":100.01}""")));
        Assert.Equal("argument 'currency' fails constraint 'enum'", schema.FirstFailure(Json("""{"currency":"BTC"}""")));
    }

    [Fact]
    public async Task ConcurrentEvaluations_OfOneCompiledSchema_AgreeWithSequentialOnes()
    {
        var inputs = Enumerable.Range(0, 200).Select(i => i % 3 == 0
            ? ("""{"repo":"acme/web","title":"ok"}""", (string?)null)
            : i % 3 == 1 ? ("""{"repo":"acme/web"}""", "the arguments fail constraint 'required'")
            : ("""{"repo":"nope","title":"ok"}""", "argument 'repo' fails constraint 'const'")).ToList();

        var results = await Task.WhenAll(inputs.Select(input => Task.Run(() => IssueSchema.FirstFailure(Json(input.Item1)))));

        Assert.Equal(inputs.Select(i => i.Item2), results);
    }

    private static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);
}
